package io.scalecast.core.fit;

import io.scalecast.core.event.FittedLaw;
import io.scalecast.core.law.ErrorLaw;
import io.scalecast.core.law.SigmoidAccuracyLaw;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parameter uncertainty of a loss-to-error map as draws of its chosen form, to push through a chained prediction
 * together with the loss law's draws: a bootstrap over the models when there are enough for many distinct
 * resamples, else (for the exponential, as Gadre et al.'s six-model maps) draws from the fit's linearised covariance.
 * Draws are [ε, k, γ] for the exponential and [c, u, k, L_mid] for the sigmoid.
 */
public final class DownstreamUncertainty {

    /** Models from which the bootstrap is used. */
    public static final int BOOTSTRAP_MIN_MODELS = 10;

    /** Distinct models a resample needs: one more than the exponential's three parameters. */
    private static final int DISTINCT_MODELS = 4;

    private DownstreamUncertainty() {
    }

    /**
     * Draws of {@code map}'s chosen form.
     *
     * @param points the models the map was fitted on
     * @param chance the chance level the sigmoid was fitted with, or null
     */
    public static Draws of(DownstreamFitter.Map map, List<DownstreamFitter.Point> points, Double chance,
                           int resamples, long seed) {
        boolean exponential = DownstreamFitter.EXPONENTIAL.equals(map.form());
        if (exponential && points.size() < BOOTSTRAP_MIN_MODELS) {
            ErrorFit fit = map.exponential();
            List<double[]> draws = fit.covariance().map(c -> c.sample(fit.law().toVector(), resamples, seed))
                    .orElse(List.of());
            return new Draws(FittedLaw.Bootstrap.COVARIANCE, draws, resamples);
        }
        List<double[]> draws = CaseBootstrap.draws(points, resamples, seed, DISTINCT_MODELS, drawn -> exponential
                ? Optional.ofNullable(DownstreamFitter.exponential(drawn)).map(f -> f.law().toVector())
                : Optional.ofNullable(DownstreamFitter.sigmoid(drawn, chance)).map(SigmoidAccuracyLaw::toVector));
        return new Draws(FittedLaw.Bootstrap.RUNS, draws, resamples);
    }

    /** A map's published parameters by name as the vector its draws use. */
    public static double[] vector(String form, Map<String, Double> params) {
        List<String> names = DownstreamFitter.EXPONENTIAL.equals(form) ? ErrorLaw.NAMES : SigmoidAccuracyLaw.NAMES;
        return names.stream().mapToDouble(params::get).toArray();
    }

    /** The error at loss L of a draw of the given form. */
    public static double error(String form, double[] draw, double loss) {
        return DownstreamFitter.EXPONENTIAL.equals(form) ? ErrorLaw.fromVector(draw).error(loss)
                : 1 - SigmoidAccuracyLaw.fromVector(draw).accuracy(loss);
    }

    /**
     * Draws of a map.
     *
     * @param method {@code runs} (a bootstrap over the models) or {@code covariance}
     * @param draws the usable draws, as vectors of the form's parameters
     * @param requested draws tried
     */
    public record Draws(String method, List<double[]> draws, int requested) {
    }
}
