package io.scalecast.eval.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.scalecast.core.event.DownstreamLaw;
import io.scalecast.core.event.EventValidator;
import io.scalecast.core.fit.DownstreamFitter;
import io.scalecast.core.fit.DownstreamUncertainty;
import io.scalecast.eval.config.EvalConfig;
import io.scalecast.eval.model.EvalPoint;
import io.scalecast.eval.model.EvalPointRepository;
import io.scalecast.eval.model.LossLaw;
import io.scalecast.eval.model.MapFit;
import io.scalecast.eval.model.MapFitRepository;
import io.scalecast.eval.model.MapState;
import io.scalecast.eval.model.MapStateRepository;
import io.scalecast.support.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
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
 * recorded as skipped with the reason.
 */
@ApplicationScoped
public class MapService {

    /** Metrics whose value is an accuracy (higher is better): their error is 1 − value. */
    static final Set<String> ACCURACIES = Set.of("accuracy", "pass_rate", "exact_match");

    /** Draws each published map carries. */
    static final int DRAWS = 200;

    private final EvalPointRepository evals;
    private final LossPointService losses;
    private final LossLawService laws;
    private final MapStateRepository states;
    private final MapFitRepository fits;
    private final Outbox outbox;
    private final EvalConfig config;
    private final ObjectMapper mapper;
    private final DownstreamFitter fitter = new DownstreamFitter(DownstreamFitter.Thresholds.DEFAULT);

    public MapService(EvalPointRepository evals, LossPointService losses, LossLawService laws,
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
        QuarkusTransaction.requiringNew().run(() -> {
            MapState s = states.findById(due.id);
            if (s == null || !s.dirty) {
                return;
            }
            Losses loss = new Losses(losses.byCheckpoint(s.lab, s.family), laws.forFamily(s.lab, s.family)
                    .orElse(null));
            Map<String, List<EvalPoint>> byBenchmark = evals.forFamily(s.lab, s.family).stream()
                    .collect(Collectors.groupingBy(p -> p.benchmark, TreeMap::new, Collectors.toList()));
            Map<String, Scored> scored = new TreeMap<>();
            byBenchmark.forEach((benchmark, points) -> scored.put(benchmark, Scored.of(points)));
            scored.forEach((benchmark, errors) -> refit(s, benchmark, errors, loss));
            config.averages().forEach((name, members) -> average(scored, members)
                    .ifPresent(errors -> refit(s, name, errors, loss)));
            states.markClean(s.id, s.dataVersion);
        });
    }

    /**
     * A benchmark's error at each checkpoint ({@code run/step}): its {@code error} results, else its accuracy-like
     * results as 1 − value; with each checkpoint's [N, D] and the benchmark's chance level when results carry one.
     */
    record Scored(Map<String, Double> errors, Map<String, double[]> sizes, Double chance) {

        static Scored of(List<EvalPoint> points) {
            List<EvalPoint> used = points.stream().filter(p -> "error".equals(p.metric)).toList();
            if (used.isEmpty()) {
                used = points.stream().filter(p -> ACCURACIES.contains(p.metric)).toList();
            }
            Map<String, Double> errors = new TreeMap<>();
            Map<String, double[]> sizes = new TreeMap<>();
            used.forEach(p -> {
                String checkpoint = LossPointService.checkpoint(p.run, p.step);
                errors.put(checkpoint, "error".equals(p.metric) ? p.value : 1 - p.value);
                sizes.put(checkpoint, new double[] {p.params, p.tokens});
            });
            return new Scored(errors, sizes, used.stream().map(p -> p.chance).filter(Objects::nonNull).findFirst()
                    .orElse(null));
        }
    }

    /** A named average: the mean error over its members at each checkpoint every member has a result for. */
    private static Optional<Scored> average(Map<String, Scored> scored, List<String> members) {
        if (!scored.keySet().containsAll(members)) {
            return Optional.empty();
        }
        Map<String, Double> mean = new TreeMap<>();
        for (String checkpoint : scored.get(members.get(0)).errors().keySet()) {
            List<Double> values = members.stream().map(m -> scored.get(m).errors().get(checkpoint)).toList();
            if (values.stream().allMatch(Objects::nonNull)) {
                mean.put(checkpoint, values.stream().mapToDouble(Double::doubleValue).average().orElseThrow());
            }
        }
        return Optional.of(new Scored(mean, scored.get(members.get(0)).sizes(), null));
    }

    /**
     * A family's losses: observed per checkpoint, else the loss law's at the result's (N, D) when the family has one.
     *
     * @param observed the losses of checkpoints, by {@code run/step}
     * @param law the family's newest loss law, or null
     */
    private record Losses(Map<String, Double> observed, LossLaw law) {

        /** The model at a checkpoint with its loss and error, or null when its loss is unknown. */
        DownstreamLaw.Model model(String checkpoint, double error, double[] size) {
            int at = checkpoint.lastIndexOf('/');
            String run = checkpoint.substring(0, at);
            long step = Long.parseLong(checkpoint.substring(at + 1));
            Double l = observed.get(checkpoint);
            if (l != null) {
                return new DownstreamLaw.Model(run, step, l, error, false);
            }
            double predicted = law == null || size == null ? Double.NaN : law.law().loss(size[0], size[1]);
            return Double.isFinite(predicted) && predicted > 0
                    ? new DownstreamLaw.Model(run, step, predicted, error, true) : null;
        }
    }

    private void refit(MapState s, String benchmark, Scored scored, Losses loss) {
        List<DownstreamLaw.Model> models = new ArrayList<>();
        scored.errors().forEach((checkpoint, error) -> {
            DownstreamLaw.Model m = loss.model(checkpoint, error, scored.sizes().get(checkpoint));
            if (m != null) {
                models.add(m);
            }
        });
        if (models.size() < 4) {
            skip(s, benchmark, scored.errors().isEmpty() ? "no error or accuracy results (metrics error, "
                    + ACCURACIES + ")" : "needs the result and the " + config.lossMetric() + " (observed, or from"
                    + " the family's loss law) of at least 4 checkpoints, has " + models.size());
            return;
        }
        List<DownstreamFitter.Point> pairs = models.stream()
                .map(m -> new DownstreamFitter.Point(LossPointService.checkpoint(m.run(), m.step()), m.loss(),
                        m.error())).toList();
        String lossLaw = models.stream().anyMatch(DownstreamLaw.Model::lossFromLaw)
                ? LossLawService.describe(loss.law()) : null;
        try {
            publish(s, benchmark, fitter.fit(pairs, scored.chance()), pairs, models, scored.chance(), lossLaw);
        } catch (IllegalStateException e) {
            skip(s, benchmark, e.getMessage());
        }
    }

    private void publish(MapState s, String benchmark, DownstreamFitter.Map map, List<DownstreamFitter.Point> pairs,
                         List<DownstreamLaw.Model> models, Double chance, String lossLaw) {
        long version = fits.nextVersion(s.lab, s.family, benchmark);
        DownstreamUncertainty.Draws draws = DownstreamUncertainty.of(map, pairs, chance, DRAWS,
                (s.lab + "/" + s.family + "/" + benchmark).hashCode(), MapService::runOf);
        DownstreamLaw law = new DownstreamLaw(EventValidator.SCHEMA_VERSION, s.lab, s.family, benchmark, "error",
                version, map.form(), params(map), draws.draws(), draws.method(), models, chance,
                new DownstreamLaw.HeldOut(map.heldOutRun(), finite(map.heldOutError()[0]),
                        finite(map.heldOutError()[1])), map.monotonicity(), map.reliable(), map.reasons(), lossLaw,
                Instant.now().toString());
        MapFit f = fit(s, benchmark, version, MapFit.OK, null);
        f.form = law.form();
        f.reliable = law.reliable();
        f.payload = json(law);
        fits.persist(f);
        outbox.publish(config.downstreamLawsTopic(), law.key(), law);
    }

    /** Records why a benchmark has no map, once per distinct reason. */
    private void skip(MapState s, String benchmark, String reason) {
        Optional<MapFit> last = fits.latest(s.lab, s.family, benchmark);
        if (last.isEmpty() || !MapFit.SKIPPED.equals(last.get().status) || !reason.equals(last.get().reason)) {
            fits.persist(fit(s, benchmark, fits.nextVersion(s.lab, s.family, benchmark), MapFit.SKIPPED, reason));
        }
    }

    private static MapFit fit(MapState s, String benchmark, long version, String status, String reason) {
        MapFit f = new MapFit();
        f.lab = s.lab;
        f.family = s.family;
        f.benchmark = benchmark;
        f.version = version;
        f.status = status;
        f.reason = reason;
        f.fittedAt = Instant.now();
        return f;
    }

    /** The run of a paired point, whose name is its checkpoint {@code run/step}. */
    private static String runOf(DownstreamFitter.Point p) {
        return p.run().substring(0, p.run().lastIndexOf('/'));
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
