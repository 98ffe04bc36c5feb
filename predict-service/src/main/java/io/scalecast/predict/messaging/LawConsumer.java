package io.scalecast.predict.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scalecast.core.event.FittedLaw;
import io.scalecast.predict.service.LawStore;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads {@code scalecast.laws} from the beginning with a group of its own at every start, so that each instance
 * holds every current law; a record that is not a law goes to the DLQ with the reason.
 */
@ApplicationScoped
public class LawConsumer {

    private final ObjectMapper mapper;
    private final LawStore store;

    public LawConsumer(ObjectMapper mapper, LawStore store) {
        this.mapper = mapper;
        this.store = store;
    }

    @Incoming("laws")
    public void consume(ConsumerRecord<String, String> record) throws JsonProcessingException {
        if (record.value() == null) {
            store.remove(record.key());
            return;
        }
        FittedLaw law = mapper.readValue(record.value(), FittedLaw.class);
        if (law.schemaVersion() != 1) {
            throw new IllegalArgumentException("schemaVersion: unsupported version " + law.schemaVersion());
        }
        if (law.params() == null || law.lab() == null || law.family() == null || law.law() == null) {
            throw new IllegalArgumentException("lab, family, law and params are required");
        }
        store.apply(law);
    }
}
