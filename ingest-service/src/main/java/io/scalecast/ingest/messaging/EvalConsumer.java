package io.scalecast.ingest.messaging;

import io.scalecast.ingest.service.EventParser;
import io.scalecast.ingest.service.IngestService;
import io.scalecast.support.messaging.RecordHandler;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumes {@code scalecast.evals}; an invalid record goes to the DLQ with the reason and is not stored. */
@ApplicationScoped
public class EvalConsumer {

    private final EventParser parser;
    private final IngestService ingest;
    private final RecordHandler records;

    public EvalConsumer(EventParser parser, IngestService ingest, RecordHandler records) {
        this.parser = parser;
        this.ingest = ingest;
        this.records = records;
    }

    @Incoming("evals")
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<String, byte[]> batch) {
        return records.handleAll(batch, rs -> ingest.storeEvals(rs.stream()
                .map(r -> parser.eval(r.getPayload(), r.getKey())).toList()));
    }
}
