package io.scalecast.eval.messaging;

import io.scalecast.eval.config.EvalConfig;
import io.scalecast.eval.model.MapFitRepository;
import io.scalecast.support.recovery.LatestPublished;
import io.scalecast.support.recovery.RepublishScope;
import io.scalecast.support.recovery.RepublishSink;
import io.scalecast.support.recovery.Republisher;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Sends every benchmark's newest loss-to-error map to {@code scalecast.downstream-laws} again, exactly as first
 * published (the stored map is the published record), by itself when the topic lost them and on request.
 */
@ApplicationScoped
public class MapRepublisher implements Republisher {

    private final MapFitRepository fits;
    private final EvalConfig config;

    public MapRepublisher(MapFitRepository fits, EvalConfig config) {
        this.fits = fits;
        this.config = config;
    }

    @Override
    public String what() {
        return "maps";
    }

    @Override
    public String topic() {
        return config.downstreamLawsTopic();
    }

    @Override
    public boolean automatic() {
        return true;
    }

    @Override
    public void queue(RepublishScope scope, RepublishSink sink) {
        LatestPublished.forEach(fits, fits.latestPublishedIds(scope),
                f -> sink.send(f.lab + "/" + f.family + "/" + f.benchmark, f.payload));
    }
}
