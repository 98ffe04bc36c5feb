package io.scalecast.ingest.messaging;

import io.scalecast.ingest.service.EventParser;
import io.scalecast.ingest.service.RunPlanService;
import io.scalecast.support.messaging.RecordHandler;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes run plans from {@code scalecast.runs} one record at a time (plans are few); an invalid plan, a bad
 * schedule descriptor included, goes unchanged to the DLQ with the reason naming the field.
 */
@ApplicationScoped
public class RunPlanConsumer {

    private final EventParser parser;
    private final RunPlanService plans;
    private final RecordHandler records;

    public RunPlanConsumer(EventParser parser, RunPlanService plans, RecordHandler records) {
        this.parser = parser;
        this.plans = plans;
        this.records = records;
    }

    @Incoming("runs")
    @Blocking
    public CompletionStage<Void> consume(KafkaRecord<String, byte[]> record) {
        return records.handle(record, payload -> plans.store(parser.plan(payload, record.getKey())));
    }
}
