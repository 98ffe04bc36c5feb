package io.scalecast.fit.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scalecast.core.event.Observation;
import io.scalecast.fit.service.PointService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code scalecast.observations}, keeping the checkpoint ones; a record that is not an observation goes
 * to the DLQ with the reason.
 */
@ApplicationScoped
public class ObservationConsumer {

    private final ObjectMapper mapper;
    private final PointService points;

    public ObservationConsumer(ObjectMapper mapper, PointService points) {
        this.mapper = mapper;
        this.points = points;
    }

    @Incoming("observations")
    @Transactional
    public void consume(String payload) throws JsonProcessingException {
        Observation o = mapper.readValue(payload, Observation.class);
        if (o.schemaVersion() != 1) {
            throw new IllegalArgumentException("schemaVersion: unsupported version " + o.schemaVersion());
        }
        if (Observation.CHECKPOINT.equals(o.kind())) {
            points.accept(o);
        }
    }
}
