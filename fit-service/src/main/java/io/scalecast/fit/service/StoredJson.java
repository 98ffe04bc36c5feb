package io.scalecast.fit.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The JSON of what fit-service stores in text columns (a law's payload and observed points, a family's settings):
 * written and read back with the service's mapper, a row that does not read being our fault, never the sender's.
 */
@ApplicationScoped
public class StoredJson {

    private final ObjectMapper mapper;

    public StoredJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot store " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** A stored value; an {@link IllegalStateException} when the row does not read as {@code type}. */
    public <T> T read(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored row does not read as " + type.getSimpleName(), e);
        }
    }

    /** A stored value, or {@code absent} for none. */
    public <T> T read(String json, TypeReference<T> type, T absent) {
        try {
            return json == null ? absent : mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored row is not JSON: " + json, e);
        }
    }
}
