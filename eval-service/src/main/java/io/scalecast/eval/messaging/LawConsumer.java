package io.scalecast.eval.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.scalecast.core.event.FittedLaw;
import io.scalecast.eval.service.LossLawService;
import io.scalecast.support.messaging.RecordHandler;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Consumes {@code scalecast.laws}, keeping each family's newest Chinchilla law for checkpoints without a loss; a
 * record that is not a law goes to the DLQ with the reason, and a tombstone changes nothing.
 */
@ApplicationScoped
public class LawConsumer {

    private final ObjectMapper mapper;
    private final LossLawService laws;
    private final RecordHandler records;

    public LawConsumer(ObjectMapper mapper, LossLawService laws, RecordHandler records) {
        this.mapper = mapper;
        this.laws = laws;
        this.records = records;
    }

    @Incoming("laws")
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        return records.handle(message, payload -> {
            if (payload != null) {
                laws.accept(mapper.readValue(payload, FittedLaw.class).requireReadable());
            }
        });
    }
}
