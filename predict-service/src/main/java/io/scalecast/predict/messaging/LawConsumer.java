package io.scalecast.predict.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.scalecast.contracts.event.FittedLaw;
import io.scalecast.predict.service.LawStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
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
    private final CatchUp catchUp;
    private final Timer freshness;
    private final long startedAt = System.currentTimeMillis();

    public LawConsumer(ObjectMapper mapper, LawStore store, MeterRegistry metrics, CatchUp catchUp) {
        this.mapper = mapper;
        this.store = store;
        this.catchUp = catchUp;
        this.freshness = Timer.builder("scalecast.freshness")
                .description("From a checkpoint's arrival at ingest to the first served law that includes it (the"
                        + " oldest checkpoint new to each law version)")
                // A bucket at the 2 s goal of docs/benchmarks.md, so the benchmark reads the goal off exactly.
                .publishPercentileHistogram().serviceLevelObjectives(Duration.ofSeconds(2))
                .minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofMinutes(10)).register(metrics);
    }

    @Incoming("laws")
    public void consume(ConsumerRecord<String, String> record) throws JsonProcessingException {
        try {
            apply(record);
        } finally {
            // Counted once handled, bad records included (they go to the DLQ), for the readiness check.
            catchUp.laws().passed(record.partition(), record.offset());
        }
    }

    private void apply(ConsumerRecord<String, String> record) throws JsonProcessingException {
        if (record.value() == null) {
            store.remove(record.key());
            return;
        }
        FittedLaw law = mapper.readValue(record.value(), FittedLaw.class).requireReadable();
        if (store.apply(law) && record.timestamp() >= startedAt) {
            recordFreshness(law);
        }
    }

    /** Laws replayed from before this instance started are history, not freshness, and are not measured. */
    private void recordFreshness(FittedLaw law) {
        String oldestNew = law.watermark() == null ? null : law.watermark().oldestNewIngestedAt();
        if (oldestNew != null) {
            freshness.record(Duration.between(Instant.parse(oldestNew), Instant.now()));
        }
    }
}
