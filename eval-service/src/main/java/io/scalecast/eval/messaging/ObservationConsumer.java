package io.scalecast.eval.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.scalecast.core.event.Observation;
import io.scalecast.eval.service.EvalPointService;
import io.scalecast.support.events.ObservationReader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumes {@code scalecast.observations}, keeping the eval ones; a bad record goes to the DLQ with the reason. */
@ApplicationScoped
public class ObservationConsumer {

    private final ObservationReader reader;
    private final EvalPointService evals;

    public ObservationConsumer(ObservationReader reader, EvalPointService evals) {
        this.reader = reader;
        this.evals = evals;
    }

    @Incoming("observations")
    @Transactional
    public void consume(String payload) throws JsonProcessingException {
        Observation o = reader.read(payload);
        if (Observation.EVAL.equals(o.kind())) {
            evals.accept(o);
        }
    }
}
