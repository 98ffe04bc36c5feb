package io.scalecast.fit.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.scalecast.core.event.Observation;
import io.scalecast.fit.service.PointService;
import io.scalecast.support.events.ObservationReader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code scalecast.observations}, keeping the checkpoint ones; a record that is not an observation goes
 * to the DLQ with the reason.
 */
@ApplicationScoped
public class ObservationConsumer {

    private final ObservationReader reader;
    private final PointService points;

    public ObservationConsumer(ObservationReader reader, PointService points) {
        this.reader = reader;
        this.points = points;
    }

    @Incoming("observations")
    @Transactional
    public void consume(String payload) throws JsonProcessingException {
        Observation o = reader.read(payload);
        if (Observation.CHECKPOINT.equals(o.kind())) {
            points.accept(o);
        }
    }
}
