package io.scalecast.ingest.service;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.scalecast.contracts.event.CheckpointEvent;
import io.scalecast.contracts.event.EvalEvent;
import io.scalecast.contracts.event.EventValidator;
import io.scalecast.contracts.event.InvalidEventException;
import io.scalecast.contracts.event.RunPlan;
import io.scalecast.contracts.event.Violation;
import io.scalecast.core.schedule.Schedule;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns raw records into validated v1 events, strictly: UTF-8 only, no duplicate fields, no silent coercion of
 * strings or fractions into numbers, so a bad record is refused with the field named instead of being stored as
 * something the lab did not send.
 */
@ApplicationScoped
public class EventParser {

    /** The largest record a producer may send; larger ones are refused whole. */
    public static final int MAX_RECORD_BYTES = 65_536;
    /** The longest plan: forecasts hold one learning rate per step. */
    public static final int MAX_PLANNED_STEPS = 10_000_000;

    private final ObjectMapper mapper = JsonMapper.builder()
            // {"value": 3, "value": 4} is ambiguous: refused rather than read as whichever came last.
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
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

    /**
     * Parses and validates a checkpoint record as consumed: its bytes must be UTF-8 JSON, and its key (when it has
     * one) the event's {@code lab/family}, the partitioning every consumer relies on.
     */
    public CheckpointEvent checkpoint(byte[] record, String key) {
        CheckpointEvent e = checkpoint(text(record));
        requireKey(key, e.lab(), e.family());
        return e;
    }

    /** Parses and validates an eval record as consumed; see {@link #checkpoint(byte[], String)}. */
    public EvalEvent eval(byte[] record, String key) {
        EvalEvent e = eval(text(record));
        requireKey(key, e.lab(), e.family());
        return e;
    }

    /**
     * Parses and validates a run plan as consumed from {@code scalecast.runs}: its fields, its key
     * ({@code lab/family}) and its schedule descriptor, which must describe a schedule ScaleCast can rebuild.
     */
    public RunPlan plan(byte[] record, String key) {
        RunPlan p = plan(tree(text(record)));
        requireKey(key, p.lab(), p.family());
        return p;
    }

    /** Parses and validates a run plan given as a JSON tree (the body of a plan PUT, completed from its path). */
    public RunPlan plan(JsonNode node) {
        RunPlan p = EventValidator.require(convert(node, RunPlan.class));
        Schedule schedule;
        try {
            schedule = Schedule.parse(p.schedule());
        } catch (IllegalArgumentException e) {
            throw invalid("schedule", Schedule.reason(e));
        }
        if (schedule.totalSteps() > MAX_PLANNED_STEPS) {
            throw invalid("schedule", "steps: at most " + MAX_PLANNED_STEPS + " steps can be forecast, was "
                    + schedule.totalSteps());
        }
        return p;
    }

    /** A record's text: refused when empty, over {@link #MAX_RECORD_BYTES}, or not UTF-8 (a BOM included). */
    static String text(byte[] record) {
        if (record == null || record.length == 0) {
            throw invalid("$", "the record has no payload");
        }
        if (record.length > MAX_RECORD_BYTES) {
            throw invalid("$", "the record is " + record.length + " bytes; at most " + MAX_RECORD_BYTES);
        }
        if (record.length >= 3 && record[0] == (byte) 0xEF && record[1] == (byte) 0xBB && record[2] == (byte) 0xBF) {
            throw invalid("$", "starts with a byte-order mark; send UTF-8 without one");
        }
        ByteBuffer in = ByteBuffer.wrap(record);
        CharBuffer out = CharBuffer.allocate(record.length);
        CoderResult result = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(in, out, true);
        if (result.isError()) {
            throw invalid("$", "is not valid UTF-8 (at byte " + in.position() + ")");
        }
        return out.flip().toString();
    }

    private static void requireKey(String key, String lab, String family) {
        String expected = lab + "/" + family;
        if (key != null && !key.equals(expected)) {
            throw invalid("key", "the record key '" + key + "' does not match the event's lab/family '" + expected
                    + "'");
        }
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
            String message = e.getOriginalMessage();
            throw invalid(path(e), message.contains("out of range") ? "is out of range: " + message
                    : "has the wrong type: " + message);
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
