package io.scalecast.ingest.messaging;

import io.scalecast.ingest.service.EventParser;
import io.scalecast.ingest.service.IngestService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code scalecast.checkpoints}; an invalid record throws, which sends it unchanged to the DLQ with the
 * reason in its headers, and nothing of it is stored.
 */
@ApplicationScoped
public class CheckpointConsumer {

    private final EventParser parser;
    private final IngestService ingest;

    public CheckpointConsumer(EventParser parser, IngestService ingest) {
        this.parser = parser;
        this.ingest = ingest;
    }

    @Incoming("checkpoints")
    @Transactional
    public void consume(String payload) {
        ingest.store(parser.checkpoint(payload));
    }
}
