package io.scalecast.fit.service;

import io.scalecast.core.data.CheckpointPoint;
import io.scalecast.core.data.FamilyData;
import io.scalecast.core.data.PlotThinning;
import io.scalecast.core.data.TokenCut;
import io.scalecast.core.event.EventValidator;
import io.scalecast.core.event.FittedLaw;
import io.scalecast.core.fit.ChinchillaFit;
import io.scalecast.core.fit.ChinchillaFitter;
import io.scalecast.core.fit.ChinchillaPins;
import io.scalecast.core.fit.FitDiagnostics;
import io.scalecast.core.fit.HitchhikerBacktest;
import io.scalecast.core.fit.Interval;
import io.scalecast.core.fit.RunBootstrap;
import io.scalecast.core.law.ChinchillaLaw;
import io.scalecast.fit.config.FitConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Fits the Chinchilla law to a family snapshot with the engine of scaling-core, with its run bootstrap and
 * Hitchhiker back-test, and shapes the published event.
 */
@ApplicationScoped
public class ChinchillaFitService {

    private final FitConfig config;
    private final ChinchillaFitter fitter = ChinchillaFitter.epoch();

    public ChinchillaFitService(FitConfig config) {
        this.config = config;
    }

    /** The token cut in force. */
    public TokenCut tokenCut() {
        return config.tokenCut() ? TokenCut.HITCHHIKER : TokenCut.NONE;
    }

    /** Why the snapshot cannot be fitted, or empty when it can. */
    public Optional<String> unfittable(FamilyData data) {
        if (data.runs() < config.minRuns()) {
            return Optional.of("needs at least " + config.minRuns() + " runs after the token cut, has " + data.runs());
        }
        if (data.size() < ChinchillaLaw.PARAMETERS) {
            return Optional.of("needs at least " + ChinchillaLaw.PARAMETERS + " points, has " + data.size());
        }
        return Optional.empty();
    }

    /** Fits the data and builds the event to publish as {@code version}. */
    public FittedLaw fit(FamilySnapshot snapshot, FamilyData data, long version) {
        ChinchillaPins pins = ChinchillaPins.none();
        double[] weights = config.runWeighting().weights(data);
        ChinchillaFit fit = fitter.fit(data.params(), data.tokens(), data.loss(), weights, pins);
        ChinchillaLaw law = fit.law();
        Map<String, Double> params = law.named();
        FittedLaw.Bootstrap bootstrap = null;
        Map<String, FittedLaw.Range> intervals = new LinkedHashMap<>();
        if (config.bootstrapResamples() > 0) {
            long seed = (snapshot.lab() + "/" + snapshot.family()).hashCode() * 31L + snapshot.dataVersion();
            RunBootstrap.Draws draws = new RunBootstrap(config.bootstrapResamples(), seed).run(fitter, data, weights,
                    pins, law);
            if (!draws.laws().isEmpty()) {
                ChinchillaLaw.NAMED.forEach((name, get) -> intervals.put(name, range(draws.interval(get))));
                bootstrap = new FittedLaw.Bootstrap(draws.requested(), draws.failed(), draws.runs(), sample(draws));
            }
        }
        FitDiagnostics d = fit.diagnostics();
        FittedLaw.Watermark watermark = new FittedLaw.Watermark(snapshot.dataVersion(), snapshot.points().size(),
                data.size(), data.runs(), data.maxParams(), data.maxTokens(),
                snapshot.newestIngestedAt() == null ? null : snapshot.newestIngestedAt().toString());
        FittedLaw.Diagnostics diagnostics = new FittedLaw.Diagnostics(d.starts(), d.convergedStarts(),
                d.bestStartHits(), d.iterations(), d.converged(), d.r2(), d.rmseLog(), d.millis(),
                d.unusableStarts(), d.atBound());
        FittedLaw.Config used = new FittedLaw.Config(config.lossMetric(), fit.delta(), tokenCut().describe(),
                "sum of Huber(ln predicted - ln observed), 4500-start grid, L-BFGS, exponents in [0, 3], "
                        + config.runWeighting().name().toLowerCase() + " weighting",
                fit.pinned(), fit.freeParameters());
        return new FittedLaw(EventValidator.SCHEMA_VERSION, snapshot.lab(), snapshot.family(), FittedLaw.CHINCHILLA,
                version, watermark, params, intervals, bootstrap, backtest(snapshot.points(), pins), fit.objective(),
                diagnostics, used, Instant.now().toString(), observed(snapshot.points()));
    }

    /** The family's points for plots, each marked with whether the token cut kept it for the fit. */
    private FittedLaw.Observed observed(List<CheckpointPoint> points) {
        Set<CheckpointPoint> fitted = Collections.newSetFromMap(new IdentityHashMap<>());
        fitted.addAll(tokenCut().apply(points));
        List<String> runs = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        List<double[]> rows = new ArrayList<>();
        for (CheckpointPoint p : PlotThinning.thin(points, config.publishedPoints())) {
            int run = index.computeIfAbsent(p.run(), r -> {
                runs.add(r);
                return runs.size() - 1;
            });
            rows.add(new double[] {run, p.params(), p.tokens(), p.loss(), fitted.contains(p) ? 1 : 0});
        }
        return new FittedLaw.Observed(runs, rows, points.size());
    }

    /** The Hitchhiker back-test, when the family has the largest model and enough runs besides it. */
    private FittedLaw.Backtest backtest(List<CheckpointPoint> points, ChinchillaPins pins) {
        long runs = points.stream().map(CheckpointPoint::run).distinct().count();
        if (runs < config.backtestMinRuns()) {
            return null;
        }
        try {
            HitchhikerBacktest.Result r = HitchhikerBacktest.run(fitter, points, tokenCut(), pins,
                    config.backtestMinRuns() - 1);
            return new FittedLaw.Backtest(r.are(), r.bestLossBaseline(), r.mostTrainedBaseline(), r.targetRun(),
                    r.trainRuns(), r.targetPoints());
        } catch (IllegalArgumentException | IllegalStateException e) {
            return null;
        }
    }

    private List<double[]> sample(RunBootstrap.Draws draws) {
        List<ChinchillaLaw> laws = draws.laws();
        int n = Math.min(config.publishedDraws(), laws.size());
        double step = (double) laws.size() / n;
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> laws.get((int) (i * step)))
                .map(ChinchillaLaw::toVector).toList();
    }

    private static FittedLaw.Range range(Interval i) {
        return new FittedLaw.Range(i.lower(), i.upper());
    }
}
