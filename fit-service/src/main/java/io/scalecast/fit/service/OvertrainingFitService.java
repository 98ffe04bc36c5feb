package io.scalecast.fit.service;

import io.scalecast.contracts.event.EventValidator;
import io.scalecast.contracts.event.FittedLaw;
import io.scalecast.core.data.CheckpointPoint;
import io.scalecast.core.data.FamilyData;
import io.scalecast.core.data.RunFinals;
import io.scalecast.core.fit.HitchhikerBacktest;
import io.scalecast.core.fit.Identifiability;
import io.scalecast.core.fit.OvertrainingBacktest;
import io.scalecast.core.fit.OvertrainingFit;
import io.scalecast.core.fit.OvertrainingFitter;
import io.scalecast.core.fit.OvertrainingUncertainty;
import io.scalecast.core.fit.SearchPolicy;
import io.scalecast.core.law.ChinchillaLaw;
import io.scalecast.core.law.LawCodec;
import io.scalecast.core.law.LawKind;
import io.scalecast.core.law.OvertrainingLaw;
import io.scalecast.fit.config.FitConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Fits Gadre et al.'s over-training law to the finals of a family's runs when they span token multipliers,
 * warm-started like the other laws, with a run bootstrap (or covariance draws for few runs) and the back-test on
 * the largest model, and shapes the published event.
 */
@ApplicationScoped
public class OvertrainingFitService implements LawFitter {

    private static final LawCodec<OvertrainingLaw, ChinchillaLaw> CODEC = LawKind.overtraining();

    /** Draws per fit (fewer if the family's configuration asks for fewer). */
    static final int RESAMPLES = 200;

    private final FitConfig config;
    private final SearchPolicy policy;
    private final OvertrainingFitter fitter = new OvertrainingFitter();
    private final WarmStartRegistry warmStarts;

    public OvertrainingFitService(FitConfig config, SearchPolicy policy, WarmStartRegistry warmStarts) {
        this.config = config;
        this.warmStarts = warmStarts;
        this.policy = policy;
    }

    @Override
    public LawKind kind() {
        return LawKind.OVERTRAINING;
    }

    @Override
    public Attempt prepare(FamilySnapshot snapshot) {
        List<CheckpointPoint> finals = finals(snapshot);
        return unfittable(finals).map(Attempt::skip)
                .orElseGet(() -> Attempt.of(version -> fit(snapshot, finals, version)));
    }

    /** Each run's final checkpoint after the token cut. */
    public List<CheckpointPoint> finals(FamilySnapshot snapshot) {
        return RunFinals.of(snapshot.settings().tokenCutRule().apply(snapshot.points()));
    }

    /** Why the finals cannot carry the law, or empty when they can: enough runs, spanning token multipliers. */
    public Optional<String> unfittable(List<CheckpointPoint> finals) {
        if (finals.size() < config.overtrainingMinRuns()) {
            return Optional.of("needs the finals of at least " + config.overtrainingMinRuns() + " runs, has "
                    + finals.size());
        }
        double span = RunFinals.multiplierSpan(finals);
        if (span < config.overtrainingMinSpan()) {
            return Optional.of(String.format(Locale.ROOT, "the runs' token multipliers D/N span %.2fx; the law needs"
                    + " runs spanning at least %sx (e.g. runs at M = 20 and M = 80)", span,
                    BigDecimal.valueOf(config.overtrainingMinSpan()).stripTrailingZeros().toPlainString()));
        }
        return Optional.empty();
    }

    /**
     * Fits the finals and builds the event to publish as {@code version}: warm-started from this instance's previous
     * law of the family when the search policy allows and the result fits as well, from the recipe's 128 starts
     * otherwise. Its draws are made anew on every refit (the finals are few), so no bootstrap is kept.
     */
    public FittedLaw fit(FamilySnapshot snapshot, List<CheckpointPoint> finals, long version) {
        SearchPolicy.Previous<OvertrainingLaw> before = warmStarts.<OvertrainingLaw>get(kind(), snapshot.lab(),
                snapshot.family()).map(WarmStartRegistry.State::previous).orElse(null);
        List<String> runs = finals.stream().map(CheckpointPoint::run).toList();
        Instant now = Instant.now();
        // The finals are few and the recipe's 128 starts cheap: its full search always runs when due.
        SearchPolicy.Searched<OvertrainingFit> searched = policy.search(before, runs, snapshot.configVersion(), now,
                true, new SearchPolicy.Searches<>(() -> fitter.warmFrom(before.law()).fit(finals), null,
                        () -> fitter.fit(finals), f -> true, f -> f.ssr() / finals.size()));
        OvertrainingFit fit = searched.fit();
        warmStarts.put(kind(), snapshot.lab(), snapshot.family(), new WarmStartRegistry.State<>(
                SearchPolicy.Previous.after(searched, before, fit.law(), fit.ssr() / finals.size(), runs,
                        snapshot.configVersion(), now), null, null, null));
        return event(snapshot, finals, version, searched);
    }

    private FittedLaw event(FamilySnapshot snapshot, List<CheckpointPoint> finals, long version,
                            SearchPolicy.Searched<OvertrainingFit> searched) {
        OvertrainingFit fit = searched.fit();
        OvertrainingUncertainty.Draws uncertainty = uncertainty(snapshot, finals, fit);
        List<OvertrainingLaw> draws = uncertainty == null ? List.of() : uncertainty.laws();
        PublishedDraws published = uncertainty == null ? PublishedDraws.NONE : PublishedDraws.of(CODEC, draws,
                new PublishedDraws.Counts(uncertainty.requested(), uncertainty.failed(), finals.size(),
                        uncertainty.requested()), uncertainty.method(), config.publishedDraws());
        FittedLaw.Backtest backtest = backtest(finals, fit);
        FittedLaw.Diagnostics diagnostics = FamilySnapshot.diagnostics(fit.diagnostics(), searched.search(),
                searched.searchReason(), Identifiability.of(FamilyData.of(finals), true, fit.diagnostics(),
                        CODEC.named(fit.law()), draws.stream().map(OvertrainingLaw::toVector).toList(),
                        published.parameterIntervals()), backtest);
        FittedLaw.Config used = new FittedLaw.Config(snapshot.settings().metric(), 0,
                snapshot.settings().tokenCutRule().describe(), "sum of squared residuals of L(N, M) = E + a*N^p +"
                + " b*6^(p/2)*(M*N)^p, M = D/N, over each run's final checkpoint (Gadre et al. 2024),"
                + " Levenberg-Marquardt from the recipe's 128 starts or warm from the previous version, p < 0",
                Map.of(), OvertrainingLaw.NAMES.size(), null, Map.of(), config.overtrainingMinRuns());
        return new FittedLaw(EventValidator.SCHEMA_VERSION, snapshot.lab(), snapshot.family(),
                FittedLaw.OVERTRAINING, version, snapshot.watermark(FamilyData.of(finals)), CODEC.named(fit.law()),
                published.intervals(), published.bootstrap(), backtest, fit.ssr(), diagnostics, used,
                Instant.now().toString(), null);
    }

    /**
     * The law's draws: a run bootstrap or, for few runs, the linearised covariance ({@link OvertrainingUncertainty});
     * null when the family's configuration turns the bootstrap off.
     */
    private OvertrainingUncertainty.Draws uncertainty(FamilySnapshot snapshot, List<CheckpointPoint> finals,
                                                      OvertrainingFit fit) {
        int resamples = Math.min(RESAMPLES, snapshot.settings().bootstrapResamples());
        return resamples <= 0 ? null
                : OvertrainingUncertainty.of(fitter, finals, fit, resamples, snapshot.seed(37));
    }

    /** The back-test on the largest model's finals, started from the new law; null without enough other runs. */
    private FittedLaw.Backtest backtest(List<CheckpointPoint> finals, OvertrainingFit fit) {
        Optional<HitchhikerBacktest.Result> r = backtest(finals, fitter.warmFrom(fit.law()));
        return r.or(() -> backtest(finals, fitter)).map(b -> new FittedLaw.Backtest(b.are(), b.bestLossBaseline(),
                b.mostTrainedBaseline(), b.targetRun(), b.trainRuns(), b.targetPoints(), b.paramsRatio()))
                .orElse(null);
    }

    private Optional<HitchhikerBacktest.Result> backtest(List<CheckpointPoint> finals, OvertrainingFitter searcher) {
        try {
            return Optional.of(OvertrainingBacktest.run(searcher, finals, config.overtrainingMinRuns()));
        } catch (IllegalArgumentException | IllegalStateException e) {
            return Optional.empty();
        }
    }
}
