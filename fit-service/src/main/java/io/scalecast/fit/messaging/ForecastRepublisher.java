package io.scalecast.fit.messaging;

import io.scalecast.fit.config.FitConfig;
import io.scalecast.fit.model.RunForecastRepository;
import io.scalecast.support.recovery.LatestPublished;
import io.scalecast.support.recovery.RepublishScope;
import io.scalecast.support.recovery.RepublishSink;
import io.scalecast.support.recovery.Republisher;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Sends every run's newest forecast to the compacted {@code scalecast.forecasts} again, as first published, by itself
 * when the topic lost them and on an operator's request.
 */
@ApplicationScoped
public class ForecastRepublisher implements Republisher {

    private final RunForecastRepository forecasts;
    private final FitConfig config;

    public ForecastRepublisher(RunForecastRepository forecasts, FitConfig config) {
        this.forecasts = forecasts;
        this.config = config;
    }

    @Override
    public String what() {
        return "forecasts";
    }

    @Override
    public String topic() {
        return config.forecastsTopic();
    }

    @Override
    public boolean automatic() {
        return true;
    }

    @Override
    public void queue(RepublishScope scope, RepublishSink sink) {
        LatestPublished.forEach(forecasts, forecasts.ids(scope),
                r -> sink.send(r.lab + "/" + r.family + "/" + r.run, r.payload));
    }
}
