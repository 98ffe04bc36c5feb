package io.scalecast.fit.service;

import io.scalecast.core.data.CheckpointPoint;
import io.scalecast.core.data.FamilyData;
import io.scalecast.core.data.PlotThinning;
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

    /**
     * Why the snapshot cannot be fitted, or empty when it can. A family with fewer runs than a free fit needs is
     * fitted only when A and α come from elsewhere (borrowed or pinned), and the reason says so.
     */
    public Optional<String> unfittable(FamilySnapshot snapshot, FamilyData data) {
        FamilySettings s = snapshot.settings();
        if (s.borrowFrom() != null && snapshot.donor() == null) {
            return Optional.of("borrows A and alpha from family '" + s.borrowFrom() + "', which has no law yet");
        }
        int minRuns = s.paramsTermGiven() ? 1 : config.minRuns();
        if (data.runs() < minRuns) {
            return Optional.of("needs at least " + minRuns + " runs after the token cut, has " + data.runs()
                    + (s.paramsTermGiven() ? "" : "; with fewer, borrow A and alpha from another family"
                    + " (PUT /api/v1/families/" + snapshot.family() + "/config)"));
        }
        int free = ChinchillaLaw.PARAMETERS - s.pinned().size() - (FamilySettings.PIN.equals(s.borrowMode()) ? 2 : 0);
        if (data.size() < free) {
            return Optional.of("needs at least " + free + " points, has " + data.size());
        }
        return Optional.empty();
    }

    /** Fits the data and builds the event to publish as {@code version}. */
    public FittedLaw fit(FamilySnapshot snapshot, FamilyData data, long version) {
        FamilySettings s = snapshot.settings();
        double[] weights = config.runWeighting().weights(data);
        ChinchillaPins pins = constraint(snapshot, data, weights);
        ChinchillaFit fit = fitter.fit(data.params(), data.tokens(), data.loss(), weights, pins);
        ChinchillaLaw law = fit.law();
        Map<String, Double> params = law.named();
        FittedLaw.Bootstrap bootstrap = null;
        Map<String, FittedLaw.Range> intervals = new LinkedHashMap<>();
        if (s.bootstrapResamples() > 0) {
            long seed = (snapshot.lab() + "/" + snapshot.family()).hashCode() * 31L + snapshot.dataVersion();
            RunBootstrap.Draws draws = new RunBootstrap(s.bootstrapResamples(), seed).run(fitter, data, weights,
                    pins, law);
            if (!draws.laws().isEmpty()) {
                ChinchillaLaw.NAMED.forEach((name, get) -> intervals.put(name, range(draws.interval(get))));
                bootstrap = new FittedLaw.Bootstrap(draws.requested(), draws.failed(), draws.runs(), sample(draws));
            }
        }
        FitDiagnostics d = fit.diagnostics();
        FittedLaw.Watermark watermark = new FittedLaw.Watermark(snapshot.dataVersion(), snapshot.points().size(),
                data.size(), data.runs(), data.maxParams(), data.maxTokens(),
                text(snapshot.newestIngestedAt()), text(snapshot.oldestNewIngestedAt()));
        FittedLaw.Diagnostics diagnostics = new FittedLaw.Diagnostics(d.starts(), d.convergedStarts(),
                d.bestStartHits(), d.iterations(), d.converged(), d.r2(), d.rmseLog(), d.millis(),
                d.unusableStarts(), d.atBound());
        Map<String, double[]> priors = new LinkedHashMap<>();
        fit.priors().forEach(p -> priors.put(p.name(), new double[] {p.mean(), p.sd()}));
        FittedLaw.Config used = new FittedLaw.Config(s.metric(), fit.delta(), s.tokenCutRule().describe(),
                "sum of Huber(ln predicted - ln observed), 4500-start grid, L-BFGS, exponents in [0, 3], "
                        + config.runWeighting().name().toLowerCase() + " weighting",
                fit.pinned(), fit.freeParameters(), s.borrowFrom(), priors, config.minRuns());
        return new FittedLaw(EventValidator.SCHEMA_VERSION, snapshot.lab(), snapshot.family(), FittedLaw.CHINCHILLA,
                version, watermark, params, intervals, bootstrap, backtest(snapshot, pins), fit.objective(),
                diagnostics, used, Instant.now().toString(), observed(snapshot));
    }

    /**
     * The constraint of the family's settings: its pinned parameters, plus the donor's A and α held fixed
     * ({@code pin}) or as Gaussian priors from the donor's bootstrap draws ({@code prior}).
     */
    private ChinchillaPins constraint(FamilySnapshot snapshot, FamilyData data, double[] weights) {
        FamilySettings s = snapshot.settings();
        Map<String, Double> pinned = new LinkedHashMap<>(s.pinned());
        FittedLaw donor = snapshot.donor();
        if (donor != null && FamilySettings.PIN.equals(s.borrowMode())) {
            pinned.put("A", donor.params().get("A"));
            pinned.put("alpha", donor.params().get("alpha"));
        }
        ChinchillaPins pins = pinned.isEmpty() ? ChinchillaPins.none() : ChinchillaPins.of(pinned);
        if (donor != null && FamilySettings.PRIOR.equals(s.borrowMode())) {
            if (donor.bootstrap() == null || donor.bootstrap().draws().size() < 2) {
                throw new IllegalStateException("family '" + s.borrowFrom() + "' has no bootstrap draws to borrow a"
                        + " prior from; borrow with mode pin instead");
            }
            List<ChinchillaPins.Prior> priors = ChinchillaPins.priorsOnParamsTerm(donor.bootstrap().draws().stream()
                    .map(ChinchillaLaw::fromVector).toList());
            pins = fitter.withCalibratedPriors(data.params(), data.tokens(), data.loss(), weights, pins, priors);
        }
        return pins;
    }

    /** The family's points for plots, each marked with whether the token cut kept it for the fit. */
    private FittedLaw.Observed observed(FamilySnapshot snapshot) {
        List<CheckpointPoint> points = snapshot.points();
        Set<CheckpointPoint> fitted = Collections.newSetFromMap(new IdentityHashMap<>());
        fitted.addAll(snapshot.settings().tokenCutRule().apply(points));
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
    private FittedLaw.Backtest backtest(FamilySnapshot snapshot, ChinchillaPins pins) {
        List<CheckpointPoint> points = snapshot.points();
        long runs = points.stream().map(CheckpointPoint::run).distinct().count();
        if (runs < config.backtestMinRuns()) {
            return null;
        }
        try {
            HitchhikerBacktest.Result r = HitchhikerBacktest.run(fitter, points, snapshot.settings().tokenCutRule(),
                    pins, config.backtestMinRuns() - 1);
            return new FittedLaw.Backtest(r.are(), r.bestLossBaseline(), r.mostTrainedBaseline(), r.targetRun(),
                    r.trainRuns(), r.targetPoints(), r.paramsRatio());
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

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }

    private static FittedLaw.Range range(Interval i) {
        return new FittedLaw.Range(i.lower(), i.upper());
    }
}
