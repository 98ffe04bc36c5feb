package io.scalecast.ingest.service;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.scalecast.core.event.CheckpointEvent;
import io.scalecast.core.event.EvalEvent;
import io.scalecast.core.event.EventValidator;
import io.scalecast.core.event.InvalidEventException;
import io.scalecast.core.event.Violation;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns raw JSON into validated v1 events, strictly: no silent coercion of strings or fractions into numbers, so a
 * wrong type is refused with the field named instead of being stored as something the lab did not send.
 */
@ApplicationScoped
public class EventParser {

    private final ObjectMapper mapper = JsonMapper.builder()
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // NaN and Infinity parse, so that validation can name the field instead of reporting bad JSON.
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    /** Parses and validates a checkpoint event. */
    public CheckpointEvent checkpoint(String json) {
        return EventValidator.require(read(json, CheckpointEvent.class));
    }

    /** Parses and validates an eval event. */
    public EvalEvent eval(String json) {
        return EventValidator.require(read(json, EvalEvent.class));
    }

    /** Parses and validates a checkpoint event given as a JSON tree (an item of a REST batch). */
    public CheckpointEvent checkpoint(JsonNode node) {
        return EventValidator.require(convert(node, CheckpointEvent.class));
    }

    /** Parses and validates an eval event given as a JSON tree (an item of a REST batch). */
    public EvalEvent eval(JsonNode node) {
        return EventValidator.require(convert(node, EvalEvent.class));
    }

    /** Parses a JSON document into a tree, refusing what is not JSON. */
    public JsonNode tree(String json) {
        try {
            return mapper.readTree(json);
        } catch (JacksonException e) {
            throw invalid("$", "is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** The compact JSON text of a tree, as it is published. */
    public String write(JsonNode node) {
        return node.toString();
    }

    private <T> T read(String json, Class<T> type) {
        if (json == null || json.isBlank()) {
            throw invalid("$", "the record has no payload");
        }
        JsonNode node = tree(json);
        return convert(node, type);
    }

    private <T> T convert(JsonNode node, Class<T> type) {
        if (node == null || !node.isObject()) {
            throw invalid("$", "must be a JSON object");
        }
        try {
            return mapper.treeToValue(node, type);
        } catch (JsonMappingException e) {
            throw invalid(path(e), "has the wrong type: " + e.getOriginalMessage());
        } catch (JacksonException e) {
            throw invalid("$", "is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static String path(JsonMappingException e) {
        String p = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
        return p.isEmpty() ? "$" : p;
    }

    private static InvalidEventException invalid(String field, String message) {
        return new InvalidEventException(List.of(new Violation(field, message)));
    }
}
