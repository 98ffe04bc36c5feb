package io.scalecast.fit.messaging;

import io.scalecast.contracts.event.FittedLaw;
import io.scalecast.fit.config.FitConfig;
import io.scalecast.fit.model.FitResultRepository;
import io.scalecast.fit.service.StoredJson;
import io.scalecast.support.recovery.LatestPublished;
import io.scalecast.support.recovery.RepublishScope;
import io.scalecast.support.recovery.RepublishSink;
import io.scalecast.support.recovery.Republisher;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Sends every family's newest law of each kind to {@code scalecast.laws} again, as first published (version, values
 * and observed points), by itself when the topic lost them and on an operator's request.
 */
@ApplicationScoped
public class LawRepublisher implements Republisher {

    private final FitResultRepository results;
    private final FitConfig config;
    private final StoredJson json;

    public LawRepublisher(FitResultRepository results, FitConfig config, StoredJson json) {
        this.results = results;
        this.config = config;
        this.json = json;
    }

    @Override
    public String what() {
        return "laws";
    }

    @Override
    public String topic() {
        return config.lawsTopic();
    }

    @Override
    public boolean automatic() {
        return true;
    }

    @Override
    public void queue(RepublishScope scope, RepublishSink sink) {
        LatestPublished.forEach(results, results.latestPublishedIds(scope), r -> {
            FittedLaw law = json.read(r.payload, FittedLaw.class);
            if (r.observed != null) {
                law = law.withObserved(json.read(r.observed, FittedLaw.Observed.class));
            }
            sink.send(law.key(), json.write(law));
        });
    }
}
