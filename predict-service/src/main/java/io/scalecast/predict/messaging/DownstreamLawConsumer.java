package io.scalecast.predict.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scalecast.contracts.event.DownstreamLaw;
import io.scalecast.predict.service.DownstreamStore;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads {@code scalecast.downstream-laws} from the beginning at every start, so that each instance holds every
 * current map; a record that is not a map goes to the DLQ with the reason.
 */
@ApplicationScoped
public class DownstreamLawConsumer {

    private final ObjectMapper mapper;
    private final DownstreamStore store;
    private final CatchUp catchUp;

    public DownstreamLawConsumer(ObjectMapper mapper, DownstreamStore store, CatchUp catchUp) {
        this.mapper = mapper;
        this.store = store;
        this.catchUp = catchUp;
    }

    @Incoming("downstream-laws")
    public void consume(ConsumerRecord<String, String> record) throws JsonProcessingException {
        try {
            apply(record);
        } finally {
            // Counted once handled, bad records included (they go to the DLQ), for the readiness check.
            catchUp.maps().passed(record.partition(), record.offset());
        }
    }

    private void apply(ConsumerRecord<String, String> record) throws JsonProcessingException {
        if (record.value() == null) {
            store.remove(record.key());
            return;
        }
        store.apply(mapper.readValue(record.value(), DownstreamLaw.class).requireReadable());
    }
}
