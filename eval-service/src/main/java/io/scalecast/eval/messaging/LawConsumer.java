package io.scalecast.eval.messaging;

import io.scalecast.contracts.event.FittedLaw;
import io.scalecast.core.law.LawKind;
import io.scalecast.eval.service.LossLawService;
import io.scalecast.support.events.RecordReader;
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

    private final RecordReader reader;
    private final LossLawService laws;
    private final RecordHandler records;

    public LawConsumer(RecordReader reader, LossLawService laws, RecordHandler records) {
        this.reader = reader;
        this.laws = laws;
        this.records = records;
    }

    @Incoming("laws")
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        return records.handle(message, payload -> {
            if (payload != null) {
                laws.accept(reader.read(payload, FittedLaw.class, LawConsumer::readable));
            }
        });
    }

    /**
     * The law, if this build can read it: a Chinchilla law, the one kind kept here, must carry every parameter its
     * codec names; other kinds are not read.
     */
    private static FittedLaw readable(FittedLaw law) {
        law.requireReadable();
        if (LawKind.CHINCHILLA.wireName().equals(law.law())) {
            LawKind.chinchilla().fromNamed(law.params());
        }
        return law;
    }
}
