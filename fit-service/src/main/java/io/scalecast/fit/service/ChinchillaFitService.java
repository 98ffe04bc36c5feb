package io.scalecast.fit.service;

import io.scalecast.contracts.event.EventValidator;
import io.scalecast.contracts.event.FittedLaw;
import io.scalecast.core.data.CheckpointPoint;
import io.scalecast.core.data.FamilyData;
import io.scalecast.core.data.PlotThinning;
import io.scalecast.core.fit.ChinchillaFit;
import io.scalecast.core.fit.ChinchillaFitter;
import io.scalecast.core.fit.ChinchillaPins;
import io.scalecast.core.fit.HitchhikerBacktest;
import io.scalecast.core.fit.Identifiability;
import io.scalecast.core.fit.LogForm;
import io.scalecast.core.fit.RollingBootstrap;
import io.scalecast.core.fit.RunBootstrap;
import io.scalecast.core.fit.SearchPolicy;
import io.scalecast.core.law.ChinchillaLaw;
import io.scalecast.core.law.LawCodec;
import io.scalecast.core.law.LawKind;
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
import org.jboss.logging.Logger;

/**
 * Fits the Chinchilla law to a family snapshot with the engine of scaling-core, with its run bootstrap and
 * Hitchhiker back-test, and shapes the published event.
 */
@ApplicationScoped
public class ChinchillaFitService implements LawFitter {

    private static final Logger LOG = Logger.getLogger(ChinchillaFitService.class);
    private static final LawCodec<ChinchillaLaw, ChinchillaLaw> CODEC = LawKind.chinchilla();

    private final FitConfig config;
    private final WarmStartRegistry warmStarts;
    private final SearchPolicy policy;
    private final ChinchillaFitter fitter;
    /** The quick search: the same grid and subsample, L-BFGS from fewer of its best starts. */
    private final ChinchillaFitter quick;
    private final BootstrapBudget bootstraps;
    private final SearchBudget budget;

    public ChinchillaFitService(FitConfig config, WarmStartRegistry warmStarts, SearchPolicy policy,
                                BootstrapBudget bootstraps, SearchBudget budget) {
        this.bootstraps = bootstraps;
        this.budget = budget;
        this.config = config;
        this.warmStarts = warmStarts;
        this.policy = policy;
        this.fitter = ChinchillaFitter.epoch().searchingOn(config.searchPoints()).screening(config.searchStarts());
        this.quick = fitter.screening(config.quickSearchStarts());
    }

    @Override
    public LawKind kind() {
        return LawKind.CHINCHILLA;
    }

    @Override
    public Attempt prepare(FamilySnapshot snapshot) {
        FamilyData data = FamilyData.of(snapshot.settings().tokenCutRule().apply(snapshot.points()));
        return unfittable(snapshot, data).map(Attempt::skip)
                .orElseGet(() -> Attempt.of(version -> logged(fit(snapshot, data, version), data)));
    }

    /** Logs a fitted law: warm refits come every second or so per streaming family, other searches are the news. */
    private static FittedLaw logged(FittedLaw law, FamilyData data) {
        FittedLaw.Diagnostics d = law.diagnostics();
        LOG.logf(FittedLaw.Diagnostics.WARM.equals(d.search()) ? Logger.Level.DEBUG : Logger.Level.INFO,
                "fitted %s v%d on %d points of %d runs (%s search%s): %s", law.key(), law.version(), data.size(),
                data.runs(), d.search(), d.searchReason() == null ? "" : ": " + d.searchReason(), law.params());
        return law;
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

    /**
     * Fits the data and builds the event to publish as {@code version}: warm-started from this instance's previous
     * fit of the family when the search policy allows, with the full search otherwise.
     */
    public FittedLaw fit(FamilySnapshot snapshot, FamilyData data, long version) {
        Optional<WarmStartRegistry.State<ChinchillaLaw>> state = warmStarts.get(kind(), snapshot.lab(),
                snapshot.family());
        Instant now = Instant.now();
        double[] weights = config.runWeighting().weights(data);
        Search search = search(snapshot, data, weights, state.map(WarmStartRegistry.State::previous).orElse(null),
                now);
        ChinchillaLaw law = search.fit().law();
        RollingBootstrap<ChinchillaLaw> rolling = WarmStartRegistry.bootstrapFor(state, search.searched().moved(),
                data, snapshot.settings().bootstrapResamples(), snapshot.seed(31), LogForm.CHINCHILLA);
        RollingBootstrap.Refresh<ChinchillaLaw> refresh = rolling == null ? null
                : refresh(rolling, data, weights, search, state);
        // A warm refit publishes the family's last back-test (which may be none) while it is recent enough.
        WarmStartRegistry.State<ChinchillaLaw> recent = state.filter(s -> !search.fresh()
                && s.backtestStillCurrent(now, config.backtestEvery())).orElse(null);
        FittedLaw.Backtest backtest = recent == null ? backtest(snapshot, search) : recent.backtest();
        Instant backtestAt = recent == null ? now : recent.backtestAt();
        List<String> searchWarnings = search.fresh()
                ? Identifiability.flatValley(data, search.fit()).stream().toList()
                : state.orElseThrow().searchWarnings();
        warmStarts.put(kind(), snapshot.lab(), snapshot.family(), new WarmStartRegistry.State<>(
                SearchPolicy.Previous.after(search.searched(), state.map(WarmStartRegistry.State::previous)
                        .orElse(null), law, search.fit().objective() / data.size(), data.runNames(),
                        snapshot.configVersion(), now), rolling, backtest, backtestAt, searchWarnings));
        budget.owes(kind(), snapshot.lab(), snapshot.family(), search.searched().owed());
        return event(snapshot, data, version, search, refresh, backtest, searchWarnings);
    }

    /**
     * Refreshes the bootstrap within its budget: a new one (after a full search) fits at least the cold minimum of
     * draws and more while its budget lasts; a kept one refits its oldest draws.
     */
    private RollingBootstrap.Refresh<ChinchillaLaw> refresh(RollingBootstrap<ChinchillaLaw> rolling, FamilyData data,
                                                            double[] weights, Search search,
                                                            Optional<WarmStartRegistry.State<ChinchillaLaw>> state) {
        boolean kept = state.map(s -> s.bootstrap() == rolling).orElse(false);
        BootstrapBudget.Plan plan = bootstraps.plan(kept);
        ChinchillaLaw point = search.fit().law();
        return rolling.refresh(RunBootstrap.chinchilla(fitter, data, weights, search.pins(), point), data, point,
                plan.atLeast(), plan.deadlineNanos());
    }

    /**
     * The fit of this refit: a warm start when the policy allows it and its result looks right, else the full
     * search (or the quick one while the full search cannot be afforded), with the reason.
     */
    private Search search(FamilySnapshot snapshot, FamilyData data, double[] weights,
                          SearchPolicy.Previous<ChinchillaLaw> previous, Instant now) {
        SearchPolicy.Searches<Search> searches = new SearchPolicy.Searches<>(
                () -> constrainedFit(snapshot, data, weights, fitter.warmFrom(previous.law())),
                () -> constrainedFit(snapshot, data, weights, quick),
                budget.timed(() -> constrainedFit(snapshot, data, weights, fitter)),
                s -> s.fit().diagnostics().converged(), s -> s.fit().objective() / data.size());
        SearchPolicy.Searched<Search> searched = policy.search(previous, data.runNames(), snapshot.configVersion(),
                now, budget.fullAffordable(), searches);
        return new Search(searched.fit().fit(), searched.fit().pins(), searched);
    }

    /** The fit under the family's constraint (its pins, or priors calibrated with the same searcher). */
    private Search constrainedFit(FamilySnapshot snapshot, FamilyData data, double[] weights,
                                  ChinchillaFitter searcher) {
        ChinchillaPins pins = constraint(snapshot, data, weights, searcher);
        return new Search(searcher.fit(data.params(), data.tokens(), data.loss(), weights, pins), pins, null);
    }

    /**
     * How a refit searched.
     *
     * @param fit the fit
     * @param pins the constraint it was fitted under
     * @param searched the search policy's account: warm, full or quick, why, and whether the fit moved
     */
    private record Search(ChinchillaFit fit, ChinchillaPins pins, SearchPolicy.Searched<Search> searched) {

        /** Whether the fit searched anew (full or quick) rather than following the previous law. */
        boolean fresh() {
            return searched.fresh();
        }
    }

    private FittedLaw event(FamilySnapshot snapshot, FamilyData data, long version, Search search,
                            RollingBootstrap.Refresh<ChinchillaLaw> refresh, FittedLaw.Backtest backtest,
                            List<String> searchWarnings) {
        FamilySettings s = snapshot.settings();
        ChinchillaFit fit = search.fit();
        PublishedDraws published = refresh == null ? PublishedDraws.NONE
                : PublishedDraws.of(CODEC, refresh, RunBootstrap.linearised(data) ? FittedLaw.Bootstrap.RUNS_ONE_STEP
                        : FittedLaw.Bootstrap.RUNS, config.publishedDraws());
        FittedLaw.Watermark watermark = snapshot.watermark(data);
        List<ChinchillaLaw> draws = refresh == null ? List.of() : refresh.draws().laws();
        List<String> warnings = new ArrayList<>(Identifiability.chinchilla(data, fit.law(), fit.diagnostics(),
                search.pins(), draws, published.parameterIntervals()));
        warnings.addAll(searchWarnings);
        FittedLaw.Diagnostics diagnostics = FamilySnapshot.diagnostics(fit.diagnostics(), search.searched().search(),
                search.searched().searchReason(), warnings, backtest);
        Map<String, double[]> priors = new LinkedHashMap<>();
        fit.priors().forEach(p -> priors.put(p.name(), new double[] {p.mean(), p.sd()}));
        FittedLaw.Config used = new FittedLaw.Config(s.metric(), fit.delta(), s.tokenCutRule().describe(),
                "sum of Huber(ln predicted - ln observed), L-BFGS from the " + config.searchStarts() + " starts of"
                        + " the 4500-start grid with the lowest objective (on an even subsample of at most "
                        + config.searchPoints() + " points, the best optima refined on all; from the "
                        + config.quickSearchStarts() + " best while other families wait, the full search owed) or"
                        + " warm from the previous version, exponents in [0, 3], " + config.runWeighting().name().toLowerCase()
                        + " weighting", fit.pinned(), fit.freeParameters(), s.borrowFrom(), priors, config.minRuns());
        return new FittedLaw(EventValidator.SCHEMA_VERSION, snapshot.lab(), snapshot.family(), FittedLaw.CHINCHILLA,
                version, watermark, CODEC.named(fit.law()), published.intervals(), published.bootstrap(), backtest,
                fit.objective(), diagnostics, used, Instant.now().toString(), observed(snapshot));
    }

    /**
     * The constraint of the family's settings: its pinned parameters, plus the donor's A and α held fixed
     * ({@code pin}) or as Gaussian priors from the donor's bootstrap draws ({@code prior}).
     */
    private ChinchillaPins constraint(FamilySnapshot snapshot, FamilyData data, double[] weights,
                                       ChinchillaFitter searcher) {
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
            List<ChinchillaPins.Prior> priors = ChinchillaPins.priorsOnParamsTerm(
                    CODEC.fromDraws(donor.bootstrap().draws()));
            pins = searcher.withCalibratedPriors(data.params(), data.tokens(), data.loss(), weights, pins, priors);
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

    /**
     * The Hitchhiker back-test, when the family has the largest model and enough runs besides it. Its fit starts
     * from the new law (the same data less one run has its optimum nearby), and falls back to the full search when
     * that start reaches no usable law.
     */
    private FittedLaw.Backtest backtest(FamilySnapshot snapshot, Search search) {
        List<CheckpointPoint> points = snapshot.points();
        long runs = points.stream().map(CheckpointPoint::run).distinct().count();
        if (runs < config.backtestMinRuns()) {
            return null;
        }
        Optional<HitchhikerBacktest.Result> r = backtest(snapshot, search.pins(),
                fitter.warmFrom(search.fit().law()));
        // Its fallback searches as the refit did: a quick refit's back-test does not run the full search it defers.
        ChinchillaFitter fallback = search.searched().owed() == null ? fitter : quick;
        return r.or(() -> backtest(snapshot, search.pins(), fallback))
                .map(b -> new FittedLaw.Backtest(b.are(), b.bestLossBaseline(), b.mostTrainedBaseline(),
                        b.targetRun(), b.trainRuns(), b.targetPoints(), b.paramsRatio()))
                .orElse(null);
    }

    private Optional<HitchhikerBacktest.Result> backtest(FamilySnapshot snapshot, ChinchillaPins pins,
                                                         ChinchillaFitter searcher) {
        try {
            return Optional.of(HitchhikerBacktest.run(searcher, snapshot.points(),
                    snapshot.settings().tokenCutRule(), pins, config.backtestMinRuns() - 1));
        } catch (IllegalArgumentException | IllegalStateException e) {
            return Optional.empty();
        }
    }
}
