package io.scalecast.support.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scalecast.core.event.EventValidator;
import io.scalecast.core.event.Observation;
import jakarta.enterprise.context.ApplicationScoped;

/** Reads {@code scalecast.observations} records, refusing what this build cannot trust, with the reason. */
@ApplicationScoped
public class ObservationReader {

    private final ObjectMapper mapper;

    public ObservationReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Parses an observation; throws with a reason naming the field when it is not one this build understands. */
    public Observation read(String payload) throws JsonProcessingException {
        if (payload == null || payload.isBlank()) {
            throw new IllegalArgumentException("$: the record has no payload");
        }
        Observation o = mapper.readValue(payload, Observation.class);
        if (o.schemaVersion() != EventValidator.SCHEMA_VERSION) {
            throw new IllegalArgumentException("schemaVersion: unsupported version " + o.schemaVersion());
        }
        if (o.kind() == null || o.lab() == null || o.family() == null || o.run() == null || o.metric() == null) {
            throw new IllegalArgumentException("kind, lab, family, run and metric are required");
        }
        if (o.ingestedAt() == null) {
            throw new IllegalArgumentException("ingestedAt: is required");
        }
        return o;
    }
}
