package io.scalecast.ingest.messaging;

import io.scalecast.ingest.service.EventParser;
import io.scalecast.ingest.service.IngestService;
import io.scalecast.support.messaging.RecordHandler;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code scalecast.checkpoints}; an invalid record throws, which sends it unchanged to the DLQ with the
 * reason in its headers, and nothing of it is stored.
 */
@ApplicationScoped
public class CheckpointConsumer {

    private final EventParser parser;
    private final IngestService ingest;
    private final RecordHandler records;

    public CheckpointConsumer(EventParser parser, IngestService ingest, RecordHandler records) {
        this.parser = parser;
        this.ingest = ingest;
        this.records = records;
    }

    @Incoming("checkpoints")
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<String, byte[]> batch) {
        return records.handleAll(batch, rs -> ingest.storeCheckpoints(rs.stream()
                .map(r -> parser.checkpoint(r.getPayload(), r.getKey())).toList()));
    }
}
