package io.scalecast.predict.service;

import io.scalecast.contracts.event.RunForecast;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The newest forecast of every run, rebuilt from the compacted forecasts topic at every start: per run the highest
 * version wins.
 */
@ApplicationScoped
public class ForecastStore {

    private final Map<String, RunForecast> forecasts = new ConcurrentHashMap<>();

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
        return forecasts.values().stream().filter(f -> f.lab().equals(lab)).toList();
    }

    /** The newest forecast of every run of the family. */
    public List<RunForecast> family(String lab, String family) {
        return forecasts.values().stream().filter(f -> f.lab().equals(lab) && f.family().equals(family)).toList();
    }

    /** The run's forecast. */
    public Optional<RunForecast> forecast(String lab, String family, String run) {
        return Optional.ofNullable(forecasts.get(lab + "/" + family + "/" + run));
    }
}
