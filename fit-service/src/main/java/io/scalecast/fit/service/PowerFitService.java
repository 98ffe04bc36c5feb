package io.scalecast.fit.service;

import io.scalecast.core.data.CheckpointPoint;
import io.scalecast.core.data.ComputeFrontier;
import io.scalecast.core.data.FamilyData;
import io.scalecast.core.event.EventValidator;
import io.scalecast.core.event.FittedLaw;
import io.scalecast.core.fit.FrontierBacktest;
import io.scalecast.core.fit.Interval;
import io.scalecast.core.fit.PowerFit;
import io.scalecast.core.fit.PowerFitter;
import io.scalecast.core.fit.RunBootstrap;
import io.scalecast.core.law.PowerLaw;
import io.scalecast.fit.config.FitConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

/**
 * Fits the power law in compute, L(C) = E + A·C^−α, to a family's compute-efficient frontier with the engine of
 * scaling-core, with a run bootstrap and the frontier back-test, and shapes the published event.
 */
@ApplicationScoped
public class PowerFitService {

    /** Resamples of the frontier's run bootstrap: each is a 3-parameter refit, cheap enough for every refit. */
    static final int RESAMPLES = 200;

    private static final Map<String, ToDoubleFunction<PowerLaw>> NAMED = named();

    private final FitConfig config;
    private final PowerFitter fitter = PowerFitter.standard();

    public PowerFitService(FitConfig config) {
        this.config = config;
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

    /** Fits the frontier and builds the event to publish as {@code version}. */
    public FittedLaw fit(FamilySnapshot snapshot, List<CheckpointPoint> frontier, long version) {
        double[] c = FrontierBacktest.compute(frontier);
        FamilyData data = FamilyData.of(frontier);
        PowerFit fit = fitter.fit(c, data.loss());
        Map<String, FittedLaw.Range> intervals = new LinkedHashMap<>();
        FittedLaw.Bootstrap bootstrap = bootstrap(snapshot, data, c, fit.law(), intervals);
        FittedLaw.Watermark watermark = snapshot.watermark(data);
        FittedLaw.Diagnostics diagnostics = FamilySnapshot.diagnostics(fit.diagnostics(),
                FittedLaw.Diagnostics.FULL, "a power law is always fitted in full");
        FittedLaw.Config used = new FittedLaw.Config(snapshot.settings().metric(), fit.delta(),
                snapshot.settings().tokenCutRule().describe(), "sum of Huber(ln predicted - ln observed) of"
                + " L(C) = E + A*C^-alpha, C = 6ND, over the compute-efficient frontier (the checkpoints no checkpoint"
                + " of less compute beats), 150 starts, L-BFGS, alpha in [0, 3]", Map.of(), 3, null, Map.of(),
                config.minRuns());
        return new FittedLaw(EventValidator.SCHEMA_VERSION, snapshot.lab(), snapshot.family(),
                FittedLaw.POWER_COMPUTE, version, watermark, named(fit.law()), intervals, bootstrap,
                backtest(snapshot), fit.objective(), diagnostics, used, Instant.now().toString(), null);
    }

    private FittedLaw.Bootstrap bootstrap(FamilySnapshot snapshot, FamilyData data, double[] c, PowerLaw law,
                                          Map<String, FittedLaw.Range> intervals) {
        int resamples = Math.min(RESAMPLES, snapshot.settings().bootstrapResamples());
        if (resamples <= 0) {
            return null;
        }
        long seed = (snapshot.lab() + "/" + snapshot.family()).hashCode() * 31L + snapshot.dataVersion();
        List<PowerLaw> draws = new RunBootstrap(resamples, seed).run(fitter, data, c, law);
        if (draws.isEmpty()) {
            return null;
        }
        NAMED.forEach((name, get) -> {
            Interval i = Interval.percentile(draws.stream().mapToDouble(get).toArray(), 0.95);
            intervals.put(name, new FittedLaw.Range(i.lower(), i.upper()));
        });
        int n = Math.min(config.publishedDraws(), draws.size());
        double step = (double) draws.size() / n;
        List<double[]> sample = IntStream.range(0, n).mapToObj(i -> draws.get((int) (i * step)))
                .map(l -> new double[] {l.e(), l.a(), l.alpha()}).toList();
        return new FittedLaw.Bootstrap(resamples, resamples - draws.size(), data.runs(), sample, resamples);
    }

    /** The frontier back-test, when the family has the largest model and a frontier of enough runs besides it. */
    private FittedLaw.Backtest backtest(FamilySnapshot snapshot) {
        try {
            FrontierBacktest.Result r = FrontierBacktest.run(fitter, snapshot.points(),
                    snapshot.settings().tokenCutRule(), config.backtestMinRuns() - 1);
            return new FittedLaw.Backtest(r.are(), r.bestLossBaseline(), r.mostTrainedBaseline(), r.targetRun(),
                    r.trainRuns(), r.targetPoints(), r.paramsRatio());
        } catch (IllegalArgumentException | IllegalStateException e) {
            return null;
        }
    }

    private static Map<String, Double> named(PowerLaw law) {
        Map<String, Double> out = new LinkedHashMap<>();
        NAMED.forEach((name, get) -> out.put(name, get.applyAsDouble(law)));
        return out;
    }

    private static Map<String, ToDoubleFunction<PowerLaw>> named() {
        Map<String, ToDoubleFunction<PowerLaw>> out = new LinkedHashMap<>();
        out.put("E", PowerLaw::e);
        out.put("A", PowerLaw::a);
        out.put("alpha", PowerLaw::alpha);
        return out;
    }
}
