package io.scalecast.fit.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.scalecast.contracts.event.EventValidator;
import io.scalecast.contracts.event.RunAlert;
import io.scalecast.contracts.event.RunForecast;
import io.scalecast.core.fit.CurveForecast;
import io.scalecast.core.fit.ForecastWatch;
import io.scalecast.core.fit.RunForecaster;
import io.scalecast.fit.config.FitConfig;
import io.scalecast.fit.model.RunAlertRepository;
import io.scalecast.fit.model.RunAlertRow;
import io.scalecast.support.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Judges each run's new checkpoints against the forecast published before they arrived (scaling-core's
 * {@link ForecastWatch}), and stores and publishes each alert once per run, kind and forecast version, counted in
 * {@code scalecast.alerts} by kind.
 */
@ApplicationScoped
public class AlertService {

    private final RunAlertRepository alerts;
    private final Outbox outbox;
    private final StoredJson json;
    private final FitConfig config;
    private final MeterRegistry metrics;

    public AlertService(RunAlertRepository alerts, Outbox outbox, StoredJson json, FitConfig config,
                        MeterRegistry metrics) {
        this.alerts = alerts;
        this.outbox = outbox;
        this.json = json;
        this.config = config;
        this.metrics = metrics;
        // Registered at start, so that a dashboard sees every kind at zero before the first alert.
        for (ForecastWatch.Kind kind : ForecastWatch.Kind.values()) {
            metrics.counter("scalecast.alerts", "kind", kind.wireName());
        }
    }

    /** The alerts the runs' checkpoints after their last forecast raise against it. */
    public List<RunAlert> check(List<RunForecaster.RunData> runs, Map<String, RunForecast> previous) {
        List<RunAlert> out = new ArrayList<>();
        String now = Instant.now().toString();
        for (RunForecaster.RunData run : runs) {
            RunForecast before = previous.get(run.run());
            if (before == null || before.forecast().isEmpty()) {
                continue;
            }
            int[] fresh = IntStream.range(0, run.steps().length).filter(i -> run.steps()[i] > before.lastStep())
                    .toArray();
            int[] steps = Arrays.stream(fresh).map(i -> Math.toIntExact(run.steps()[i])).toArray();
            double[] loss = Arrays.stream(fresh).mapToDouble(i -> run.loss()[i]).toArray();
            List<CurveForecast.Point> forecast = before.forecast().stream().map(p -> new CurveForecast.Point(
                    Math.toIntExact(p.step()), p.loss(), p.lower(), p.upper())).toList();
            ForecastWatch.check(forecast, steps, loss).forEach(a -> out.add(new RunAlert(
                    EventValidator.SCHEMA_VERSION, before.lab(), before.family(), run.run(), a.kind().wireName(),
                    a.step(), a.observed(), new RunForecast.Point(a.step(), a.expected().loss(), a.expected().lower(),
                            a.expected().upper()), before.version(), a.message(), now)));
        }
        return out;
    }

    /** Stores and publishes the alert unless the run has one of its kind against the same forecast version. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void store(RunAlert alert) {
        if (alerts.raised(alert.lab(), alert.family(), alert.run(), alert.kind(), alert.forecastVersion())) {
            return;
        }
        RunAlertRow row = new RunAlertRow();
        row.lab = alert.lab();
        row.family = alert.family();
        row.run = alert.run();
        row.kind = alert.kind();
        row.forecastVersion = alert.forecastVersion();
        row.step = alert.step();
        row.payload = json.write(alert);
        row.raisedAt = Instant.parse(alert.raisedAt());
        alerts.persist(row);
        outbox.publishJson(config.alertsTopic(), alert.key(), row.payload);
        metrics.counter("scalecast.alerts", "kind", alert.kind()).increment();
    }

    /** A lab's alerts since {@code since}, newest first. */
    @Transactional
    public List<RunAlert> since(String lab, Instant since, int limit) {
        return alerts.since(lab, since, limit).stream().map(r -> json.read(r.payload, RunAlert.class)).toList();
    }
}
