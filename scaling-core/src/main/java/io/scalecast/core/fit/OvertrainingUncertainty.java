package io.scalecast.core.fit;

import io.scalecast.contracts.event.FittedLaw;
import io.scalecast.core.data.CheckpointPoint;
import io.scalecast.core.law.OvertrainingLaw;
import java.util.List;
import java.util.Optional;

/**
 * The parameter uncertainty of an over-training law as draws of the law: a bootstrap over the runs' finals when
 * there are enough runs for many distinct resamples, else draws from the fit's linearised covariance (multivariate
 * Student t, truncated to laws the form allows), which is how Gadre et al.'s five-model fits get honest intervals.
 */
public final class OvertrainingUncertainty {

    /** Runs from which the run bootstrap is used: below it, few resamples hold the 5 distinct runs a fit needs. */
    public static final int BOOTSTRAP_MIN_RUNS = 10;

    /** Draws from refitting resampled runs. */
    public static final String RUNS = FittedLaw.Bootstrap.RUNS;

    /** Draws from the linearised covariance. */
    public static final String COVARIANCE = FittedLaw.Bootstrap.COVARIANCE;

    /** Distinct runs a resample needs: one more than the law's parameters, as for the fit itself. */
    private static final int DISTINCT_RUNS = OvertrainingLaw.NAMES.size() + 1;

    private OvertrainingUncertainty() {
    }

    /**
     * Draws of the law fitted to {@code finals}.
     *
     * @param fitter the fitter of the point estimate; each resample is refitted warm from it
     * @param resamples how many draws to try
     */
    public static Draws of(OvertrainingFitter fitter, List<CheckpointPoint> finals, OvertrainingFit fit,
                           int resamples, long seed) {
        if (finals.size() >= BOOTSTRAP_MIN_RUNS) {
            OvertrainingFitter warm = fitter.warmFrom(fit.law());
            List<OvertrainingLaw> laws = CaseBootstrap.draws(finals, resamples, seed, DISTINCT_RUNS,
                    drawn -> refit(warm, drawn));
            return new Draws(RUNS, laws, resamples);
        }
        List<OvertrainingLaw> laws = fit.covariance().map(c -> covarianceDraws(c, fit.law(), resamples, seed))
                .orElse(List.of());
        return new Draws(COVARIANCE, laws, resamples);
    }

    /**
     * Draws of the law from its linearised covariance (multivariate Student t), keeping only laws the form allows:
     * E, a and b above zero and p below. A poorly determined law's linear draws otherwise reach a negative E or a
     * rising loss; the kept draws are the t distribution truncated to the laws that can be, and the rejected ones
     * count as failed draws.
     */
    public static List<OvertrainingLaw> covarianceDraws(Covariance covariance, OvertrainingLaw law, int count,
                                                        long seed) {
        return covariance.sample(law.toVector(), count, seed).stream().map(OvertrainingLaw::fromVector)
                .filter(l -> l.e() > 0 && l.a() > 0 && l.b() > 0 && l.p() < 0).toList();
    }

    private static Optional<OvertrainingLaw> refit(OvertrainingFitter warm, List<CheckpointPoint> drawn) {
        try {
            return Optional.of(warm.fit(drawn).law());
        } catch (IllegalStateException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Draws of the law.
     *
     * @param method {@link #RUNS} or {@link #COVARIANCE}
     * @param laws the usable draws
     * @param requested draws tried; the difference reached no usable law
     */
    public record Draws(String method, List<OvertrainingLaw> laws, int requested) {

        /** Draws that reached no usable law. */
        public int failed() {
            return requested - laws.size();
        }
    }
}
