package io.scalecast.fit.service;

import io.scalecast.core.data.CheckpointPoint;
import io.scalecast.core.data.ComputeFrontier;
import io.scalecast.core.data.FamilyData;
import io.scalecast.core.event.EventValidator;
import io.scalecast.core.event.FittedLaw;
import io.scalecast.core.fit.FrontierBacktest;
import io.scalecast.core.fit.PowerFit;
import io.scalecast.core.fit.PowerFitter;
import io.scalecast.core.fit.RunBootstrap;
import io.scalecast.core.fit.RunGrowth;
import io.scalecast.core.fit.SearchPolicy;
import io.scalecast.core.law.LawCodec;
import io.scalecast.core.law.LawKind;
import io.scalecast.core.law.PowerLaw;
import io.scalecast.fit.config.FitConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * Fits the power law in compute, L(C) = E + A·C^−α, to a family's compute-efficient frontier with the engine of
 * scaling-core, warm-started like the Chinchilla law, with a rolling run bootstrap and the frontier back-test, and
 * shapes the published event.
 */
@ApplicationScoped
public class PowerFitService implements LawFitter {

    /** Resamples of the frontier's run bootstrap (fewer if the family's configuration asks for fewer). */
    static final int RESAMPLES = 200;

    private static final LawCodec<PowerLaw, PowerLaw> CODEC = LawKind.powerCompute();

    private final FitConfig config;
    private final PowerFitter fitter = PowerFitter.standard();
    private final SearchPolicy policy;
    private final BootstrapBudget budget;
    /** This instance's last power law of each family, by lab/family; in memory like the Chinchilla warm starts. */
    private final Map<String, State> states = new ConcurrentHashMap<>();

    public PowerFitService(FitConfig config, SearchPolicy policy, BootstrapBudget budget) {
        this.config = config;
        this.budget = budget;
        this.policy = policy;
    }

    @Override
    public LawKind kind() {
        return LawKind.POWER_COMPUTE;
    }

    @Override
    public Attempt prepare(FamilySnapshot snapshot) {
        List<CheckpointPoint> frontier = frontier(snapshot);
        return unfittable(frontier).map(Attempt::skip)
                .orElseGet(() -> Attempt.of(version -> fit(snapshot, frontier, version)));
    }

    /** The frontier of the family's points after its token cut. */
    public List<CheckpointPoint> frontier(FamilySnapshot snapshot) {
        return ComputeFrontier.of(snapshot.settings().tokenCutRule().apply(snapshot.points()));
    }

    /** Why the frontier cannot carry a power law, or empty when it can: it needs points of at least 3 runs. */
    public Optional<String> unfittable(List<CheckpointPoint> frontier) {
        long runs = frontier.stream().map(CheckpointPoint::run).distinct().count();
        if (runs < config.minRuns()) {
            return Optional.of("the compute frontier needs points of at least " + config.minRuns() + " runs, has "
                    + runs);
        }
        return Optional.empty();
    }

    /**
     * Fits the frontier and builds the event to publish as {@code version}: warm-started from this instance's
     * previous power law of the family when its frontier runs and configuration are unchanged and the warm result
     * fits as well as before, from the full start grid otherwise.
     */
    public FittedLaw fit(FamilySnapshot snapshot, List<CheckpointPoint> frontier, long version) {
        String key = snapshot.lab() + "/" + snapshot.family();
        try {
            return fit(snapshot, frontier, version, key);
        } catch (RuntimeException e) {
            states.remove(key);
            throw e;
        }
    }

    private FittedLaw fit(FamilySnapshot snapshot, List<CheckpointPoint> frontier, long version, String key) {
        double[] c = FrontierBacktest.compute(frontier);
        FamilyData data = FamilyData.of(frontier);
        State previous = states.get(key);
        Instant now = Instant.now();
        SearchPolicy.Searched<PowerFit> searched = policy.search(previous == null ? null : previous.previous(),
                data.runNames(), snapshot.configVersion(), now, () -> fitter.warmFrom(previous.law()).fit(c,
                        data.loss()), f -> f.diagnostics().converged(), f -> f.objective() / data.size(),
                () -> fitter.fit(c, data.loss()));
        PowerFit fit = searched.fit();
        boolean full = searched.full();
        SearchPolicy.Previous<PowerLaw> next = new SearchPolicy.Previous<>(fit.law(), fit.objective() / data.size(),
                data.runNames(), snapshot.configVersion(), full ? now : previous.previous().fullSearchAt());
        // A new bootstrap after a full search, or once a run has outgrown the frontier points it had when the
        // bootstrap began (the rule of the Chinchilla law's bootstrap): its draws would overstate the uncertainty.
        boolean renew = full || previous.growth().outgrownBy(data);
        State state = renew ? new State(next, new double[bootstrapSize(snapshot)][], 0, RunGrowth.of(data))
                : new State(next, previous.offsets(), previous.cursor(), previous.growth());
        int refreshed = Math.min(state.offsets().length, renew ? state.offsets().length
                : budget.plan(true).atLeast());
        refresh(state, snapshot, data, c, refreshed);
        states.put(key, state);
        Map<String, FittedLaw.Range> intervals = new LinkedHashMap<>();
        FittedLaw.Bootstrap bootstrap = bootstrap(state, data, intervals, refreshed);
        FittedLaw.Diagnostics diagnostics = FamilySnapshot.diagnostics(fit.diagnostics(), searched.search(),
                searched.fullSearchReason());
        FittedLaw.Config used = new FittedLaw.Config(snapshot.settings().metric(), fit.delta(),
                snapshot.settings().tokenCutRule().describe(), "sum of Huber(ln predicted - ln observed) of"
                + " L(C) = E + A*C^-alpha, C = 6ND, over the compute-efficient frontier (the checkpoints no checkpoint"
                + " of less compute beats), L-BFGS from 150 starts or warm from the previous version, alpha in"
                + " [0, 3]", Map.of(), 3, null, Map.of(), config.minRuns());
        return new FittedLaw(EventValidator.SCHEMA_VERSION, snapshot.lab(), snapshot.family(),
                FittedLaw.POWER_COMPUTE, version, snapshot.watermark(data), CODEC.named(fit.law()), intervals,
                bootstrap,
                backtest(snapshot, full ? fitter : fitter.warmFrom(fit.law())), fit.objective(), diagnostics, used,
                now.toString(), null);
    }

    /**
     * Refits {@code count} draws (at most as many as there are), oldest first, each from where it was (or from the
     * point estimate).
     */
    private void refresh(State state, FamilySnapshot snapshot, FamilyData data, double[] c, int count) {
        RunBootstrap resampler = new RunBootstrap(Math.max(1, state.offsets().length), seed(snapshot));
        int n = state.offsets().length;
        int first = state.cursor();
        IntStream draws = IntStream.range(0, count);
        (count > 1 ? draws.parallel() : draws).map(k -> (first + k) % n).forEach(i -> {
            PowerLaw start = state.draw(i);
            state.offsets()[i] = resampler.draw(fitter, data, c, start, i)
                    .map(l -> State.offset(l, state.law())).orElse(null);
        });
        state.advance(count);
    }

    private int bootstrapSize(FamilySnapshot snapshot) {
        return Math.max(0, Math.min(RESAMPLES, snapshot.settings().bootstrapResamples()));
    }

    private static long seed(FamilySnapshot snapshot) {
        return (snapshot.lab() + "/" + snapshot.family()).hashCode() * 31L;
    }

    private FittedLaw.Bootstrap bootstrap(State state, FamilyData data, Map<String, FittedLaw.Range> intervals,
                                          int refreshed) {
        List<PowerLaw> draws = state.draws();
        if (draws.isEmpty()) {
            return null;
        }
        CODEC.intervals(draws, 0.95).forEach((name, i) -> intervals.put(name, new FittedLaw.Range(i.lower(),
                i.upper())));
        int n = Math.min(config.publishedDraws(), draws.size());
        double step = (double) draws.size() / n;
        List<double[]> sample = CODEC.draws(IntStream.range(0, n).mapToObj(i -> draws.get((int) (i * step)))
                .toList());
        int resamples = state.offsets().length;
        return new FittedLaw.Bootstrap(resamples, resamples - draws.size(), data.runs(), sample, refreshed,
                FittedLaw.Bootstrap.RUNS);
    }

    /**
     * A family's last power law on this instance and its bootstrap draws, each kept as an offset of its log vector
     * from the point estimate, so a warm refit moves the draws with the law and refits a few of them.
     */
    private static final class State {

        private final SearchPolicy.Previous<PowerLaw> previous;
        private final double[][] offsets;
        private final RunGrowth growth;
        private int cursor;

        State(SearchPolicy.Previous<PowerLaw> previous, double[][] offsets, int cursor, RunGrowth growth) {
            this.previous = previous;
            this.offsets = offsets;
            this.cursor = cursor;
            this.growth = growth;
        }

        /** The frontier's points per run when the bootstrap began. */
        RunGrowth growth() {
            return growth;
        }

        SearchPolicy.Previous<PowerLaw> previous() {
            return previous;
        }

        PowerLaw law() {
            return previous.law();
        }

        double[][] offsets() {
            return offsets;
        }

        int cursor() {
            return cursor;
        }

        void advance(int by) {
            cursor = offsets.length == 0 ? 0 : (cursor + by) % offsets.length;
        }

        /** Draw i around the current point estimate, or the point itself before its first fit. */
        PowerLaw draw(int i) {
            return offsets[i] == null ? law() : shifted(offsets[i]);
        }

        List<PowerLaw> draws() {
            return Arrays.stream(offsets).filter(Objects::nonNull).map(this::shifted).toList();
        }

        private PowerLaw shifted(double[] offset) {
            double[] v = law().toLogVector();
            for (int k = 0; k < v.length; k++) {
                v[k] += offset[k];
            }
            return PowerLaw.fromLogVector(v);
        }

        static double[] offset(PowerLaw draw, PowerLaw point) {
            double[] v = draw.toLogVector();
            double[] p = point.toLogVector();
            for (int k = 0; k < v.length; k++) {
                v[k] -= p[k];
            }
            return v;
        }
    }

    /**
     * The frontier back-test, when the family has the largest model and a frontier of enough runs besides it; a warm
     * refit starts its fit from the new law.
     */
    private FittedLaw.Backtest backtest(FamilySnapshot snapshot, PowerFitter searcher) {
        try {
            FrontierBacktest.Result r = FrontierBacktest.run(searcher, snapshot.points(),
                    snapshot.settings().tokenCutRule(), config.backtestMinRuns() - 1);
            return new FittedLaw.Backtest(r.are(), r.bestLossBaseline(), r.mostTrainedBaseline(), r.targetRun(),
                    r.trainRuns(), r.targetPoints(), r.paramsRatio());
        } catch (IllegalArgumentException | IllegalStateException e) {
            return null;
        }
    }
}
