package io.scalecast.ingest.messaging;

import io.scalecast.ingest.config.IngestConfig;
import io.scalecast.ingest.service.IngestService;
import io.scalecast.support.recovery.RepublishScope;
import io.scalecast.support.recovery.RepublishSink;
import io.scalecast.support.recovery.Republisher;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Sends the observations of a lab or family to {@code scalecast.observations} again, only when asked: fit- and
 * eval-service keep their own copies, and take a repeat of a revision they hold as no change.
 */
@ApplicationScoped
public class ObservationRepublisher implements Republisher {

    private final IngestService ingest;
    private final IngestConfig config;

    public ObservationRepublisher(IngestService ingest, IngestConfig config) {
        this.ingest = ingest;
        this.config = config;
    }

    @Override
    public String what() {
        return "observations";
    }

    @Override
    public String topic() {
        return config.observationsTopic();
    }

    @Override
    public boolean automatic() {
        return false;
    }

    @Override
    public void queue(RepublishScope scope, RepublishSink sink) {
        ingest.republish(scope, sink);
    }
}
