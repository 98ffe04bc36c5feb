package io.scalecast.fit.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.scalecast.contracts.event.RunForecast;
import io.scalecast.core.fit.ForecastWatch;
import io.scalecast.core.fit.RunForecaster;
import io.scalecast.core.fit.TissueFitter;
import io.scalecast.core.law.TissueLaw;
import io.scalecast.core.schedule.Schedule;
import io.scalecast.fit.config.FitConfig;
import io.scalecast.fit.model.CurvePointRow;
import io.scalecast.fit.model.FitPointRepository;
import io.scalecast.fit.model.PlannedRun;
import io.scalecast.fit.model.PlannedRunRepository;
import io.scalecast.fit.model.RunForecastRepository;
import io.scalecast.fit.model.RunForecastRow;
import io.scalecast.support.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Forecasts a family's runs after each refit: reads every checkpoint with its learning rate, every run plan, every
 * run's last forecast and open incidents in one transaction, judges the new checkpoints against those forecasts
 * ({@link AlertService}), fits the annealing law per model size with scaling-core's {@link RunForecaster} outside any,
 * then stores the forecasts of each changed size and queues them on the outbox for {@code scalecast.forecasts}, with
 * the incidents and the forecast ends judged against the family's target. When no size's runs, checkpoints or plans
 * changed since the last forecast, nothing is refitted and only the target is judged again.
 */
@ApplicationScoped
public class ForecastService {

    private static final Logger LOG = Logger.getLogger(ForecastService.class);

    private final FitPointRepository points;
    private final PlannedRunRepository plans;
    private final RunForecastRepository forecasts;
    private final Outbox outbox;
    private final StoredJson json;
    private final FitConfig config;
    private final MeterRegistry metrics;
    private final RunForecaster forecaster;
    private final AlertService alerts;
    /** Per lab/family: each size's last law and fingerprint, for warm starts and to skip unchanged sizes. */
    private final Map<String, Map<Double, Fitted>> last = new ConcurrentHashMap<>();

    public ForecastService(FitPointRepository points, PlannedRunRepository plans, RunForecastRepository forecasts,
                           Outbox outbox, StoredJson json, FitConfig config, MeterRegistry metrics,
                           AlertService alerts) {
        this.points = points;
        this.plans = plans;
        this.forecasts = forecasts;
        this.outbox = outbox;
        this.json = json;
        this.config = config;
        this.metrics = metrics;
        this.alerts = alerts;
        this.forecaster = new RunForecaster(TissueFitter.standard(), config.forecastResamples(),
                RunForecast.MAX_FORECAST);
    }

    /**
     * A size's last fit: its law, the runs it was fitted to and the fingerprint of their data.
     *
     * @param law the law
     * @param runs its runs
     * @param fingerprint the runs' checkpoints and plans when it was fitted
     */
    private record Fitted(TissueLaw law, List<String> runs, String fingerprint) {
    }

    /**
     * One run as read: its checkpoints of the loss metric, and its plan if it has one.
     *
     * @param data the run's data for scaling-core
     * @param plan its plan row, or null
     * @param logged its logged (step, lr) points
     */
    private record Run(RunForecaster.RunData data, PlannedRun plan, List<double[]> logged) {

        String fingerprint() {
            long[] steps = data.steps();
            return data.run() + ":" + steps.length + ":" + (steps.length == 0 ? 0 : steps[steps.length - 1]) + ":"
                    + (plan == null ? "-" : plan.revision);
        }
    }

    /** Forecasts the family's runs whose size has new data or plans; failures are logged, the laws stand. */
    public void refit(String lab, String family, FamilySettings settings) {
        String key = lab + "/" + family;
        try {
            Read read = QuarkusTransaction.requiringNew().call(() -> forecastable(lab, family, settings.metric())
                    ? new Read(read(lab, family, settings.metric(), settings.excludeRuns()), previous(lab, family),
                            alerts.open(lab, family)) : null);
            if (read == null) {
                return;
            }
            Map<Double, String> prints = fingerprints(read.runs());
            Map<Double, Fitted> known = last.computeIfAbsent(key, k -> new ConcurrentHashMap<>());
            Set<Double> changed = prints.keySet().stream().filter(n -> !known.containsKey(n)
                    || !known.get(n).fingerprint().equals(prints.get(n))).collect(Collectors.toSet());
            if (changed.isEmpty()) {
                AlertService.Changes targets = alerts.targets(List.copyOf(read.previous().values()),
                        settings.targetLoss(), read.open());
                QuarkusTransaction.requiringNew().run(() -> alerts.apply(lab, family, targets));
                return;
            }
            List<RunForecaster.RunData> data = read.runs().stream().map(Run::data).toList();
            // Read only when something is refitted: they are another family's whole forecasts, parsed.
            List<RunForecaster.Annealed> donors = QuarkusTransaction.requiringNew()
                    .call(() -> donors(lab, settings.borrowFrom()));
            RunForecaster.Result result = metrics.timer("scalecast.forecast.duration")
                    .record(() -> forecaster.forecast(data, laws(known), fitted(known), donors, key.hashCode()));
            result.laws().forEach((n, law) -> known.put(n, new Fitted(law.law(), law.runs(), prints.get(n))));
            result.skipped().forEach((run, why) -> LOG.debugf("not forecasting %s/%s: %s", key, run, why));
            AlertService.Changes judged = alerts.check(data, read.previous(), read.open());
            QuarkusTransaction.requiringNew().run(() -> publish(lab, family, read, result, changed, judged,
                    settings.targetLoss()));
        } catch (RuntimeException e) {
            last.remove(key);
            LOG.warnf(e, "forecasting the runs of %s failed; their last forecasts stand", key);
        }
    }

    /**
     * Whether the family has anything to forecast: a plan or a logged learning rate. Most families have neither, and
     * their refits should not read every checkpoint again.
     */
    private boolean forecastable(String lab, String family, String metric) {
        return plans.anyIn(lab, family) || points.anyRate(lab, family, metric);
    }

    /** Each size's fingerprint: its runs' checkpoint counts, last steps and plan revisions. */
    private static Map<Double, String> fingerprints(List<Run> runs) {
        Map<Double, String> out = new HashMap<>();
        runs.stream().collect(Collectors.groupingBy(r -> RunForecaster.size(r.data().params())))
                .forEach((n, rs) -> out.put(n, rs.stream().map(Run::fingerprint).sorted()
                        .collect(Collectors.joining("|"))));
        return out;
    }

    /**
     * Stores the incidents and the forecasts of the changed sizes and queues them on the outbox; a size that borrows C
     * changes with its donor, so it is published whenever any size changed. Then judges the forecast ends in force
     * against the target.
     */
    private void publish(String lab, String family, Read read, RunForecaster.Result result, Set<Double> changed,
                         AlertService.Changes judged, Double target) {
        alerts.apply(lab, family, judged);
        Map<String, Run> byName = read.runs().stream().collect(Collectors.toMap(r -> r.data().run(), r -> r));
        Map<String, RunForecast> inForce = new HashMap<>(read.previous());
        result.forecasts().stream().filter(f -> changed.contains(f.size().params()) || f.size().borrowed() != null)
                .forEach(f -> inForce.put(f.run(), store(lab, family, f, byName.get(f.run()))));
        alerts.apply(lab, family, alerts.targets(List.copyOf(inForce.values()), target, read.open()));
    }

    /**
     * What a forecast reads in one transaction.
     *
     * @param runs the family's runs
     * @param previous each run's last published forecast, by run
     * @param open each run's open incidents
     */
    private record Read(List<Run> runs, Map<String, RunForecast> previous,
                        Map<String, Set<ForecastWatch.Kind>> open) {
    }

    private Map<String, RunForecast> previous(String lab, String family) {
        return forecasts.forFamily(lab, family).stream()
                .collect(Collectors.toMap(r -> r.run, r -> json.read(r.payload, RunForecast.class)));
    }

    /**
     * The annealed sizes of the family {@code borrowFrom}, to borrow C from when none of this family's sizes has
     * annealed (none when the family borrows from none).
     */
    private List<RunForecaster.Annealed> donors(String lab, String borrowFrom) {
        return borrowFrom == null ? List.of()
                : RunForecastEvents.annealed(borrowFrom, previous(lab, borrowFrom).values());
    }

    private List<Run> read(String lab, String family, String metric, Set<String> excludeRuns) {
        Map<String, PlannedRun> planned = plans.forFamily(lab, family).stream()
                .collect(Collectors.toMap(p -> p.run, p -> p));
        Map<String, List<CurvePointRow>> byRun = points.curves(lab, family, metric).stream()
                .filter(p -> !excludeRuns.contains(p.run()))
                .collect(Collectors.groupingBy(CurvePointRow::run, LinkedHashMap::new, Collectors.toList()));
        List<Run> out = new ArrayList<>();
        byRun.forEach((run, rows) -> out.add(run(run, rows, planned.get(run))));
        return out;
    }

    private static Run run(String name, List<CurvePointRow> rows, PlannedRun plan) {
        long[] steps = rows.stream().mapToLong(CurvePointRow::step).toArray();
        double[] loss = rows.stream().mapToDouble(CurvePointRow::value).toArray();
        double[] lr = rows.stream().mapToDouble(r -> r.learningRate() == null ? Double.NaN : r.learningRate())
                .toArray();
        List<double[]> logged = rows.stream().filter(r -> r.learningRate() != null)
                .map(r -> new double[] {r.step(), r.learningRate()}).toList();
        Schedule schedule = plan == null ? null : Schedule.parse(plan.schedule);
        return new Run(new RunForecaster.RunData(name, rows.get(rows.size() - 1).params(), steps, loss, lr,
                schedule), plan, logged);
    }

    private RunForecast store(String lab, String family, RunForecaster.Forecast f, Run run) {
        RunForecastRow row = forecasts.findRun(lab, family, f.run()).orElseGet(() -> {
            RunForecastRow r = new RunForecastRow();
            r.lab = lab;
            r.family = family;
            r.run = f.run();
            return r;
        });
        row.version++;
        RunForecast event = RunForecastEvents.of(lab, family, f, run.data().params(),
                run.plan() == null ? 0 : run.plan().revision, run.plan() == null ? null : run.plan().schedule,
                run.logged(), row.version);
        row.payload = json.write(event);
        row.fittedAt = Instant.now();
        row.lastStep = event.lastStep();
        row.endStep = event.forecast().isEmpty() ? null : event.forecast().get(event.forecast().size() - 1).step();
        forecasts.persist(row);
        outbox.publishJson(config.forecastsTopic(), event.key(), row.payload);
        return event;
    }

    private static Map<Double, TissueLaw> laws(Map<Double, Fitted> known) {
        Map<Double, TissueLaw> out = new HashMap<>();
        known.forEach((n, f) -> out.put(n, f.law()));
        return out;
    }

    private static Map<Double, List<String>> fitted(Map<Double, Fitted> known) {
        Map<Double, List<String>> out = new HashMap<>();
        known.forEach((n, f) -> out.put(n, f.runs()));
        return out;
    }
}
