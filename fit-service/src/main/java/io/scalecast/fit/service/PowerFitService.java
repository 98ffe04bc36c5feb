package io.scalecast.fit.service;

import io.scalecast.contracts.event.EventValidator;
import io.scalecast.contracts.event.FittedLaw;
import io.scalecast.core.data.CheckpointPoint;
import io.scalecast.core.data.ComputeFrontier;
import io.scalecast.core.data.FamilyData;
import io.scalecast.core.fit.FrontierBacktest;
import io.scalecast.core.fit.Identifiability;
import io.scalecast.core.fit.LogForm;
import io.scalecast.core.fit.PowerFit;
import io.scalecast.core.fit.PowerFitter;
import io.scalecast.core.fit.RollingBootstrap;
import io.scalecast.core.fit.RunBootstrap;
import io.scalecast.core.fit.SearchPolicy;
import io.scalecast.core.law.LawCodec;
import io.scalecast.core.law.LawKind;
import io.scalecast.core.law.PowerLaw;
import io.scalecast.fit.config.FitConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
    /** Starts of the quick search, of the 150 of the full one. */
    static final int QUICK_STARTS = 16;

    private final PowerFitter fitter = PowerFitter.standard();
    private final PowerFitter quick = fitter.screening(QUICK_STARTS);
    private final SearchPolicy policy;
    private final BootstrapBudget bootstraps;
    private final WarmStartRegistry warmStarts;
    private final SearchBudget budget;

    public PowerFitService(FitConfig config, SearchPolicy policy, BootstrapBudget bootstraps,
                           WarmStartRegistry warmStarts, SearchBudget budget) {
        this.bootstraps = bootstraps;
        this.config = config;
        this.warmStarts = warmStarts;
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
        double[] c = FrontierBacktest.compute(frontier);
        FamilyData data = FamilyData.of(frontier);
        Optional<WarmStartRegistry.State<PowerLaw>> state = warmStarts.get(kind(), snapshot.lab(),
                snapshot.family());
        SearchPolicy.Previous<PowerLaw> previous = state.map(WarmStartRegistry.State::previous).orElse(null);
        Instant now = Instant.now();
        SearchPolicy.Searches<PowerFit> searches = new SearchPolicy.Searches<>(
                () -> fitter.warmFrom(previous.law()).fit(c, data.loss()), () -> quick.fit(c, data.loss()),
                budget.timed(() -> fitter.fit(c, data.loss())), f -> f.diagnostics().converged(),
                f -> f.objective() / data.size());
        SearchPolicy.Searched<PowerFit> searched = policy.search(previous, data.runNames(), snapshot.configVersion(),
                now, budget.fullAffordable(), searches);
        PowerFit fit = searched.fit();
        RollingBootstrap<PowerLaw> rolling = WarmStartRegistry.bootstrapFor(state, searched.moved(), data,
                Math.min(RESAMPLES, snapshot.settings().bootstrapResamples()), snapshot.seed(31), LogForm.POWER);
        RollingBootstrap.Refresh<PowerLaw> refresh = rolling == null ? null
                : refresh(rolling, state, data, c, fit.law());
        PublishedDraws published = refresh == null ? PublishedDraws.NONE
                : PublishedDraws.of(CODEC, refresh, FittedLaw.Bootstrap.RUNS, config.publishedDraws());
        List<PowerLaw> draws = refresh == null ? List.of() : refresh.draws().laws();
        warmStarts.put(kind(), snapshot.lab(), snapshot.family(), new WarmStartRegistry.State<>(
                SearchPolicy.Previous.after(searched, previous, fit.law(), fit.objective() / data.size(),
                        data.runNames(), snapshot.configVersion(), now), rolling, null, null));
        budget.owes(kind(), snapshot.lab(), snapshot.family(), searched.owed());
        FittedLaw.Backtest backtest = backtest(snapshot, fitter.warmFrom(fit.law()), searched.owed() == null ? fitter
                : quick);
        FittedLaw.Diagnostics diagnostics = FamilySnapshot.diagnostics(fit.diagnostics(), searched.search(),
                searched.searchReason(), Identifiability.power(data, fit.law(), fit.diagnostics(), draws,
                        published.parameterIntervals()), backtest);
        FittedLaw.Config used = new FittedLaw.Config(snapshot.settings().metric(), fit.delta(),
                snapshot.settings().tokenCutRule().describe(), "sum of Huber(ln predicted - ln observed) of"
                + " L(C) = E + A*C^-alpha, C = 6ND, over the compute-efficient frontier (the checkpoints no checkpoint"
                + " of less compute beats), L-BFGS from 150 starts (from the " + QUICK_STARTS + " of lowest objective"
                + " while other families wait, the full search owed) or warm from the previous version, alpha in"
                + " [0, 3]", Map.of(), 3, null, Map.of(), config.minRuns());
        return new FittedLaw(EventValidator.SCHEMA_VERSION, snapshot.lab(), snapshot.family(),
                FittedLaw.POWER_COMPUTE, version, snapshot.watermark(data), CODEC.named(fit.law()),
                published.intervals(), published.bootstrap(), backtest, fit.objective(), diagnostics, used,
                now.toString(), null);
    }

    /**
     * Refreshes the bootstrap: a new one fits every draw at once (a frontier is small), or while families wait the
     * cold minimum that later refits add to; a kept one its oldest few.
     */
    private RollingBootstrap.Refresh<PowerLaw> refresh(RollingBootstrap<PowerLaw> rolling,
                                                       Optional<WarmStartRegistry.State<PowerLaw>> state,
                                                       FamilyData data, double[] c, PowerLaw point) {
        boolean kept = state.map(s -> s.bootstrap() == rolling).orElse(false);
        // A new bootstrap fits every draw at once (a frontier is small) unless families wait: then the cold minimum.
        int atLeast = kept || bootstraps.yielding() ? bootstraps.plan(kept).atLeast() : Integer.MAX_VALUE;
        return rolling.refresh(RunBootstrap.power(fitter, data, c), data, point, atLeast, 0);
    }

    /**
     * The frontier back-test, when the family has the largest model and a frontier of enough runs besides it. Its fit
     * starts from the new law (the same frontier less one run has its optimum nearby), and falls back to
     * {@code fallback}'s search when that start reaches no usable law.
     */
    private FittedLaw.Backtest backtest(FamilySnapshot snapshot, PowerFitter warm, PowerFitter fallback) {
        return backtest(snapshot, warm).or(() -> backtest(snapshot, fallback))
                .map(r -> new FittedLaw.Backtest(r.are(), r.bestLossBaseline(), r.mostTrainedBaseline(), r.targetRun(),
                        r.trainRuns(), r.targetPoints(), r.paramsRatio()))
                .orElse(null);
    }

    private Optional<FrontierBacktest.Result> backtest(FamilySnapshot snapshot, PowerFitter searcher) {
        try {
            return Optional.of(FrontierBacktest.run(searcher, snapshot.points(), snapshot.settings().tokenCutRule(),
                    config.backtestMinRuns() - 1));
        } catch (IllegalArgumentException | IllegalStateException e) {
            return Optional.empty();
        }
    }
}
