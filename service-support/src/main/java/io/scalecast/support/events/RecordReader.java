package io.scalecast.support.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scalecast.contracts.event.InvalidEventException;
import io.scalecast.contracts.event.Violation;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Reads the JSON records one service consumes from another. Whatever this build cannot read or trust is the record's
 * fault, reported as an {@link InvalidEventException} naming the field, the one failure a consumer dead-letters at
 * once; any other exception is a failure of ours and is retried.
 */
@ApplicationScoped
public class RecordReader {

    private final ObjectMapper mapper;

    public RecordReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * Parses {@code payload} as {@code type} and runs {@code check} on it, which refuses what this build cannot use
     * with an {@link IllegalArgumentException} whose message starts with the field ({@code "field: reason"}).
     */
    public <T> T read(String payload, Class<T> type, UnaryOperator<T> check) {
        if (payload == null || payload.isBlank()) {
            throw invalid("$", "the record has no payload");
        }
        T value;
        try {
            value = mapper.readValue(payload, type);
        } catch (JsonProcessingException e) {
            throw invalid("$", "is not a readable " + type.getSimpleName() + ": " + e.getOriginalMessage());
        }
        try {
            return check.apply(value);
        } catch (IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            int colon = message.indexOf(": ");
            throw colon > 0 ? invalid(message.substring(0, colon), message.substring(colon + 2)) : invalid("$", message);
        }
    }

    /** A refusal of the record naming {@code field}. */
    public static InvalidEventException invalid(String field, String message) {
        return new InvalidEventException(List.of(new Violation(field, message)));
    }
}
