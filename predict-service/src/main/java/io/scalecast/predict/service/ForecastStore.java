package io.scalecast.predict.service;

import io.scalecast.contracts.event.RunForecast;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/**
 * The newest forecast of every run, rebuilt from the compacted forecasts topic at every start: per run the highest
 * version wins.
 */
@ApplicationScoped
public class ForecastStore {

    private final PerLab<RunForecast> forecasts = new PerLab<>();

    /** Applies a forecast unless a version at least as new is held. */
    public void apply(RunForecast forecast) {
        forecasts.merge(forecast.key(), forecast, (old, fresh) -> old.version() >= fresh.version() ? old : fresh);
    }

    /** Forgets a key (a tombstone on the compacted topic). */
    public void remove(String key) {
        forecasts.remove(key);
    }

    /** The newest forecast of every run of the lab. */
    public List<RunForecast> lab(String lab) {
        return List.copyOf(forecasts.lab(lab));
    }

    /** The newest forecast of every run of the family. */
    public List<RunForecast> family(String lab, String family) {
        return forecasts.lab(lab).stream().filter(f -> f.family().equals(family)).toList();
    }

    /** The run's forecast. */
    public Optional<RunForecast> forecast(String lab, String family, String run) {
        return forecasts.get(lab + "/" + family + "/" + run);
    }
}
