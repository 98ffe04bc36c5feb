package io.scalecast.eval.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.scalecast.contracts.event.DownstreamLaw;
import io.scalecast.contracts.event.EventValidator;
import io.scalecast.core.fit.DownstreamFitter;
import io.scalecast.core.fit.DownstreamUncertainty;
import io.scalecast.core.law.ChinchillaLaw;
import io.scalecast.eval.config.EvalConfig;
import io.scalecast.eval.model.EvalPoint;
import io.scalecast.eval.model.EvalPointRepository;
import io.scalecast.eval.model.LossLawRepository;
import io.scalecast.eval.model.MapFit;
import io.scalecast.eval.model.MapFitRepository;
import io.scalecast.eval.model.MapState;
import io.scalecast.eval.model.MapStateRepository;
import io.scalecast.support.dirty.DebounceLoop;
import io.scalecast.support.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Refits a family's loss-to-error maps, one per benchmark, from the results paired with their checkpoints' losses,
 * and publishes each as a versioned {@link DownstreamLaw} through the outbox; a benchmark without enough pairs is
 * recorded as skipped with the reason. The maps are fitted between two short transactions, one reading the family
 * and one recording the outcomes: a family of many benchmarks takes longer to fit than a transaction may last.
 */
@ApplicationScoped
public class MapService {

    /** Metrics whose value is an accuracy (higher is better): their error is 1 − value. */
    static final Set<String> ACCURACIES = Set.of("accuracy", "pass_rate", "exact_match");

    /** Draws each published map carries. */
    static final int DRAWS = 200;

    private final EvalPointRepository evals;
    private final LossPointService losses;
    private final LossLawRepository laws;
    private final MapStateRepository states;
    private final MapFitRepository fits;
    private final Outbox outbox;
    private final EvalConfig config;
    private final ObjectMapper mapper;
    private final DownstreamFitter fitter = new DownstreamFitter(DownstreamFitter.Thresholds.DEFAULT);

    public MapService(EvalPointRepository evals, LossPointService losses, LossLawRepository laws,
                      MapStateRepository states, MapFitRepository fits, Outbox outbox, EvalConfig config,
                      ObjectMapper mapper) {
        this.laws = laws;
        this.mapper = mapper;
        this.evals = evals;
        this.losses = losses;
        this.states = states;
        this.fits = fits;
        this.outbox = outbox;
        this.config = config;
    }

    /** Refits every benchmark of the family of {@code due}, and marks it clean unless data arrived meanwhile. */
    public void refit(MapState due) {
        Optional<Snapshot> read = QuarkusTransaction.requiringNew().call(() -> read(due));
        if (read.isEmpty()) {
            return;
        }
        Snapshot snapshot = read.get();
        List<Outcome> outcomes = new ArrayList<>();
        snapshot.scored().forEach((benchmark, scored) -> outcomes.add(fit(snapshot, benchmark, scored)));
        QuarkusTransaction.requiringNew().run(() -> {
            outcomes.forEach(o -> record(snapshot, o));
            states.markClean(snapshot.stateId(), snapshot.dataVersion());
        });
    }

    /**
     * What a refit works on, read in one transaction.
     *
     * @param scored each benchmark's and each named average's results, by name
     */
    private record Snapshot(long stateId, String lab, String family, long dataVersion, Map<String, Scored> scored,
                            Losses losses) {
    }

    /** The family's results and losses, or empty when another refit made it clean since the loop found it due. */
    private Optional<Snapshot> read(MapState due) {
        MapState s = states.findById(due.id);
        if (s == null || !s.dirty) {
            return Optional.empty();
        }
        List<EvalPoint> results = evals.forFamily(s.lab, s.family);
        // A family without results has no maps: its losses and law are not read, which under a stream of
        // checkpoints was most of this service's work.
        Losses loss = results.isEmpty() ? new Losses(Map.of(), null) : new Losses(losses.byCheckpoint(s.lab, s.family),
                laws.forFamily(s.lab, s.family).map(l -> new LossSource(l.law(), LossLawService.describe(l)))
                        .orElse(null));
        Map<String, Scored> scored = new TreeMap<>();
        results.stream().collect(Collectors.groupingBy(p -> p.benchmark))
                .forEach((benchmark, points) -> scored.put(benchmark, Scored.of(points)));
        Map<String, Scored> withAverages = new TreeMap<>(scored);
        config.averages().forEach((name, members) -> average(scored, members)
                .ifPresent(errors -> withAverages.put(name, errors)));
        return Optional.of(new Snapshot(s.id, s.lab, s.family, s.dataVersion, withAverages, loss));
    }

    /**
     * One checkpoint's result of a benchmark, as an error.
     *
     * @param params the checkpoint's N
     * @param tokens its D
     */
    record Result(String run, long step, double error, double params, double tokens) {

        String checkpoint() {
            return LossPointService.checkpoint(run, step);
        }
    }

    /**
     * A benchmark's error at each checkpoint ({@code run/step}): its {@code error} results, else its accuracy-like
     * results as 1 − value; with the benchmark's chance level when results carry one.
     */
    record Scored(Map<String, Result> results, Double chance) {

        static Scored of(List<EvalPoint> points) {
            List<EvalPoint> used = points.stream().filter(p -> "error".equals(p.metric)).toList();
            if (used.isEmpty()) {
                used = points.stream().filter(p -> ACCURACIES.contains(p.metric)).toList();
            }
            Map<String, Result> results = new TreeMap<>();
            used.forEach(p -> {
                Result r = new Result(p.run, p.step, "error".equals(p.metric) ? p.value : 1 - p.value, p.params,
                        p.tokens);
                results.put(r.checkpoint(), r);
            });
            return new Scored(results, used.stream().map(p -> p.chance).filter(Objects::nonNull).findFirst()
                    .orElse(null));
        }
    }

    /** A named average: the mean error over its members at each checkpoint every member has a result for. */
    private static Optional<Scored> average(Map<String, Scored> scored, List<String> members) {
        if (!scored.keySet().containsAll(members)) {
            return Optional.empty();
        }
        Map<String, Result> mean = new TreeMap<>();
        scored.get(members.get(0)).results().forEach((checkpoint, first) -> {
            List<Result> all = members.stream().map(m -> scored.get(m).results().get(checkpoint)).toList();
            if (all.stream().allMatch(Objects::nonNull)) {
                double error = all.stream().mapToDouble(Result::error).average().orElseThrow();
                mean.put(checkpoint, new Result(first.run(), first.step(), error, first.params(), first.tokens()));
            }
        });
        return Optional.of(new Scored(mean, null));
    }

    /**
     * The family's loss law as a source of losses.
     *
     * @param name how the maps name it, e.g. "chinchilla v3"
     */
    private record LossSource(ChinchillaLaw law, String name) {
    }

    /**
     * A family's losses: observed per checkpoint, else the loss law's at the result's (N, D) when the family has one.
     *
     * @param observed the losses of checkpoints, by {@code run/step}
     * @param law the family's newest loss law, or null
     */
    private record Losses(Map<String, Double> observed, LossSource law) {

        /** The model of a result with its loss and error, or null when its loss is unknown. */
        DownstreamLaw.Model model(Result r) {
            Double l = observed.get(r.checkpoint());
            if (l != null) {
                return new DownstreamLaw.Model(r.run(), r.step(), l, r.error(), false);
            }
            double predicted = law == null ? Double.NaN : law.law().loss(r.params(), r.tokens());
            return Double.isFinite(predicted) && predicted > 0
                    ? new DownstreamLaw.Model(r.run(), r.step(), predicted, r.error(), true) : null;
        }
    }

    /**
     * What one benchmark's refit came to: a map to publish, or the reason there is none.
     *
     * @param map the fitted map, or null when skipped
     * @param draws its parameter draws
     * @param lossLaw the loss law some of its losses came from, or null
     * @param skipped why there is no map, or null
     */
    private record Outcome(String benchmark, DownstreamFitter.Map map, DownstreamUncertainty.Draws draws,
                           List<DownstreamLaw.Model> models, Double chance, String lossLaw, String skipped) {

        static Outcome skipped(String benchmark, String reason) {
            return new Outcome(benchmark, null, null, null, null, null, reason);
        }
    }

    /** Fits one benchmark's map with its draws, outside any transaction. */
    private Outcome fit(Snapshot snapshot, String benchmark, Scored scored) {
        List<DownstreamLaw.Model> models = scored.results().values().stream().map(snapshot.losses()::model)
                .filter(Objects::nonNull).toList();
        if (models.size() < 4) {
            return Outcome.skipped(benchmark, scored.results().isEmpty() ? "no error or accuracy results (metrics"
                    + " error, " + ACCURACIES + ")" : "needs the result and the " + config.lossMetric() + " (observed,"
                    + " or from the family's loss law) of at least 4 checkpoints, has " + models.size());
        }
        Map<String, String> runs = new HashMap<>();
        List<DownstreamFitter.Point> pairs = models.stream().map(m -> {
            String name = LossPointService.checkpoint(m.run(), m.step());
            runs.put(name, m.run());
            return new DownstreamFitter.Point(name, m.loss(), m.error());
        }).toList();
        String lossLaw = models.stream().anyMatch(DownstreamLaw.Model::lossFromLaw)
                ? snapshot.losses().law().name() : null;
        try {
            DownstreamFitter.Map map = fitter.fit(pairs, scored.chance());
            DownstreamUncertainty.Draws draws = DownstreamUncertainty.of(map, pairs, scored.chance(), DRAWS,
                    (snapshot.lab() + "/" + snapshot.family() + "/" + benchmark).hashCode(),
                    p -> runs.get(p.run()));
            return new Outcome(benchmark, map, draws, models, scored.chance(), lossLaw, null);
        } catch (IllegalStateException e) {
            return Outcome.skipped(benchmark, e.getMessage());
        }
    }

    private void record(Snapshot snapshot, Outcome o) {
        if (o.skipped() != null) {
            skip(snapshot, o.benchmark(), o.skipped());
        } else {
            publish(snapshot, o);
        }
    }

    private void publish(Snapshot s, Outcome o) {
        DownstreamFitter.Map map = o.map();
        long version = fits.nextVersion(s.lab(), s.family(), o.benchmark());
        DownstreamLaw law = new DownstreamLaw(EventValidator.SCHEMA_VERSION, s.lab(), s.family(), o.benchmark(),
                "error", version, map.form(), params(map), o.draws().draws(), o.draws().method(), o.models(),
                o.chance(), new DownstreamLaw.HeldOut(map.heldOutRun(), finite(map.heldOutError()[0]),
                        finite(map.heldOutError()[1])), map.monotonicity(), map.reliable(), map.reasons(),
                o.lossLaw(), Instant.now().toString());
        MapFit f = fit(s, o.benchmark(), version, MapFit.OK, null);
        f.form = law.form();
        f.reliable = law.reliable();
        f.payload = json(law);
        fits.persist(f);
        outbox.publish(config.downstreamLawsTopic(), law.key(), law);
    }

    /** Records why a benchmark has no map, once per distinct reason. */
    private void skip(Snapshot s, String benchmark, String reason) {
        Optional<MapFit> last = fits.latest(s.lab(), s.family(), benchmark);
        if (last.isEmpty() || !MapFit.SKIPPED.equals(last.get().status) || !reason.equals(last.get().reason)) {
            fits.persist(fit(s, benchmark, fits.nextVersion(s.lab(), s.family(), benchmark), MapFit.SKIPPED, reason));
        }
    }

    private static MapFit fit(Snapshot s, String benchmark, long version, String status, String reason) {
        MapFit f = new MapFit();
        f.lab = s.lab();
        f.family = s.family();
        f.benchmark = benchmark;
        f.version = version;
        f.status = status;
        f.reason = reason;
        f.fittedAt = Instant.now();
        f.fittedBy = DebounceLoop.INSTANCE;
        return f;
    }

    private static Map<String, Double> params(DownstreamFitter.Map map) {
        return DownstreamFitter.EXPONENTIAL.equals(map.form()) ? map.exponential().law().named()
                : map.sigmoid().named();
    }

    private String json(DownstreamLaw law) {
        try {
            return mapper.writeValueAsString(law);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
