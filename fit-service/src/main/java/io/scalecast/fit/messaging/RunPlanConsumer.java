package io.scalecast.fit.messaging;

import io.scalecast.fit.service.RunPlanService;
import io.scalecast.support.messaging.RecordHandler;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes the accepted run plans of {@code scalecast.run-plans}, one record at a time (plans are few); a record that
 * is not a usable plan goes to the DLQ with the reason.
 */
@ApplicationScoped
public class RunPlanConsumer {

    private final RunPlanService plans;
    private final RecordHandler records;

    public RunPlanConsumer(RunPlanService plans, RecordHandler records) {
        this.plans = plans;
        this.records = records;
    }

    @Incoming("run-plans")
    @Blocking
    public CompletionStage<Void> consume(KafkaRecord<String, String> record) {
        return records.handle(record, plans::accept);
    }
}
