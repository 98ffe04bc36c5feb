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
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Keeps runs' incidents: judges each run's new checkpoints against the forecast published before they arrived and
 * its forecast end against the family's target (scaling-core's {@link ForecastWatch}), stores each incident once
 * until the run recovers, and publishes it when raised and again when recovered, counted in {@code scalecast.alerts}
 * by kind.
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

    /**
     * What happened to a family's runs: incidents raised, and incidents closed.
     *
     * @param raised the new incidents
     * @param recovered the runs back from an incident
     */
    public record Changes(List<RunAlert> raised, List<Recovered> recovered) {

        static Changes none() {
            return new Changes(new ArrayList<>(), new ArrayList<>());
        }
    }

    /**
     * A run back from an incident.
     *
     * @param run the run
     * @param kind the incident's kind
     * @param step the checkpoint at which it was back
     */
    public record Recovered(String run, String kind, long step) {
    }

    /** The family's open incidents, by run, inside the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<String, Set<ForecastWatch.Kind>> open(String lab, String family) {
        Map<String, Set<ForecastWatch.Kind>> out = new HashMap<>();
        for (RunAlertRow row : alerts.open(lab, family)) {
            out.computeIfAbsent(row.run, r -> EnumSet.noneOf(ForecastWatch.Kind.class)).add(kind(row.kind));
        }
        return out;
    }

    /**
     * Judges the checkpoints of each run after its last forecast against that forecast: spikes, runs off their
     * forecast or diverging, and the end of a silence when a run reports again.
     */
    public Changes check(List<RunForecaster.RunData> runs, Map<String, RunForecast> previous,
                         Map<String, Set<ForecastWatch.Kind>> open) {
        Changes out = Changes.none();
        String now = Instant.now().toString();
        for (RunForecaster.RunData run : runs) {
            RunForecast before = previous.get(run.run());
            int from = firstAfter(run.steps(), before == null ? Long.MAX_VALUE : before.lastStep());
            if (from == run.steps().length) {
                continue;
            }
            Set<ForecastWatch.Kind> wasOpen = open.getOrDefault(run.run(), Set.of());
            if (wasOpen.contains(ForecastWatch.Kind.SILENT)) {
                out.recovered().add(new Recovered(run.run(), ForecastWatch.Kind.SILENT.wireName(), run.steps()[from]));
            }
            int[] steps = Arrays.stream(run.steps()).mapToInt(Math::toIntExact).toArray();
            ForecastWatch.Verdict v = ForecastWatch.judge(RunForecastEvents.points(before.forecast()), steps,
                    run.loss(), from, wasOpen);
            v.raised().forEach(a -> out.raised().add(event(before, run.run(), a, now)));
            v.recovered().forEach(r -> out.recovered().add(new Recovered(run.run(), r.kind().wireName(), r.step())));
        }
        return out;
    }

    /** Judges each run's forecast end against the family's target loss (none: every target incident closes). */
    public Changes targets(List<RunForecast> inForce, Double target, Map<String, Set<ForecastWatch.Kind>> open) {
        Changes out = Changes.none();
        String now = Instant.now().toString();
        for (RunForecast f : inForce) {
            boolean wasOpen = open.getOrDefault(f.run(), Set.of()).contains(ForecastWatch.Kind.TARGET);
            if (target == null || f.finalLoss() == null) {
                if (wasOpen) {
                    out.recovered().add(new Recovered(f.run(), ForecastWatch.Kind.TARGET.wireName(), f.lastStep()));
                }
                continue;
            }
            RunForecast.Point end = f.finalLoss();
            double observed = f.observed().isEmpty() ? Double.NaN : f.observed().get(f.observed().size() - 1).loss();
            ForecastWatch.Verdict v = ForecastWatch.target(new CurveForecast.Point(Math.toIntExact(end.step()),
                    end.loss(), end.lower(), end.upper()), Math.toIntExact(f.lastStep()), observed, target, wasOpen);
            v.raised().forEach(a -> out.raised().add(event(f, f.run(), a, now)));
            v.recovered().forEach(r -> out.recovered().add(new Recovered(f.run(), r.kind().wireName(), r.step())));
        }
        return out;
    }

    /**
     * A silence incident of the run of forecast {@code f}, whose last checkpoint is {@code step} with {@code loss};
     * expected is the forecast's next checkpoint after it.
     */
    public RunAlert silent(RunForecast f, long step, double loss, String message) {
        RunForecast.Point next = f.forecast().stream().filter(p -> p.step() > step).findFirst().orElse(null);
        return new RunAlert(EventValidator.SCHEMA_VERSION, f.lab(), f.family(), f.run(),
                ForecastWatch.Kind.SILENT.wireName(), ForecastWatch.Severity.WARNING.wireName(), step, loss, next,
                f.version(), message, Instant.now().toString(), null, null);
    }

    /** Stores and publishes the changes, in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(String lab, String family, Changes changes) {
        changes.raised().forEach(this::raise);
        changes.recovered().forEach(r -> recover(lab, family, r));
    }

    /**
     * Stores and publishes an incident unless the run has one of its kind open, or, for kinds that judge checkpoints,
     * raised at or after its step (the same checkpoints judged again).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean raise(RunAlert alert) {
        boolean replay = kind(alert.kind()).judgesCheckpoints()
                && alerts.judged(alert.lab(), alert.family(), alert.run(), alert.kind(), alert.step());
        if (alerts.open(alert.lab(), alert.family(), alert.run(), alert.kind()).isPresent() || replay) {
            return false;
        }
        RunAlertRow row = new RunAlertRow();
        row.lab = alert.lab();
        row.family = alert.family();
        row.run = alert.run();
        row.kind = alert.kind();
        row.severity = alert.severity();
        row.forecastVersion = alert.forecastVersion();
        row.step = alert.step();
        row.payload = json.write(alert);
        row.raisedAt = Instant.parse(alert.raisedAt());
        alerts.persist(row);
        outbox.publishJson(config.alertsTopic(), alert.key(), row.payload);
        metrics.counter("scalecast.alerts", "kind", alert.kind()).increment();
        return true;
    }

    private void recover(String lab, String family, Recovered r) {
        alerts.open(lab, family, r.run(), r.kind()).ifPresent(row -> {
            Instant now = Instant.now();
            RunAlert closed = json.read(row.payload, RunAlert.class).recovered(r.step(), now.toString());
            row.recoveredAt = now;
            row.recoveredStep = r.step();
            row.payload = json.write(closed);
            outbox.publishJson(config.alertsTopic(), closed.key(), row.payload);
        });
    }

    /** A lab's alerts (of one family, when {@code family} is not null) raised since {@code since}, newest first. */
    @Transactional
    public List<RunAlert> since(String lab, String family, Instant since, int limit) {
        return alerts.since(lab, family, since, limit).stream().map(r -> json.read(r.payload, RunAlert.class)).toList();
    }

    private static RunAlert event(RunForecast f, String run, ForecastWatch.Alert a, String now) {
        return new RunAlert(EventValidator.SCHEMA_VERSION, f.lab(), f.family(), run, a.kind().wireName(),
                a.severity().wireName(), a.step(), a.observed(), RunForecastEvents.point(a.expected()), f.version(),
                a.message(), now, null, null);
    }

    private static int firstAfter(long[] steps, long step) {
        return IntStream.range(0, steps.length).filter(i -> steps[i] > step).findFirst().orElse(steps.length);
    }

    private static ForecastWatch.Kind kind(String wireName) {
        return ForecastWatch.Kind.of(wireName)
                .orElseThrow(() -> new IllegalStateException("unknown alert kind " + wireName));
    }
}
