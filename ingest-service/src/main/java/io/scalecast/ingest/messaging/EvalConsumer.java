package io.scalecast.ingest.messaging;

import io.scalecast.ingest.service.EventParser;
import io.scalecast.ingest.service.IngestService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumes {@code scalecast.evals}; an invalid record goes to the DLQ with the reason and is not stored. */
@ApplicationScoped
public class EvalConsumer {

    private final EventParser parser;
    private final IngestService ingest;

    public EvalConsumer(EventParser parser, IngestService ingest) {
        this.parser = parser;
        this.ingest = ingest;
    }

    @Incoming("evals")
    @Transactional
    public void consume(String payload) {
        ingest.store(parser.eval(payload));
    }
}
