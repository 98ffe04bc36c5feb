package io.scalecast.core.fit;

import io.scalecast.contracts.event.FittedLaw;
import io.scalecast.core.law.ErrorLaw;
import io.scalecast.core.law.SigmoidAccuracyLaw;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The parameter uncertainty of a loss-to-error map as draws of its chosen form, to push through a chained prediction
 * together with the loss law's draws: a bootstrap over the runs (each run's evaluated checkpoints drawn together, as
 * they share the run's noise) when there are enough for many distinct resamples, else (for the exponential, as Gadre
 * et al.'s six-model maps) draws from the fit's linearised covariance.
 * Draws are [ε, k, γ] for the exponential and [c, u, k, L_mid] for the sigmoid.
 */
public final class DownstreamUncertainty {

    /** Runs from which the bootstrap is used. */
    public static final int BOOTSTRAP_MIN_RUNS = 10;

    /** Distinct runs a resample needs: one more than the exponential's three parameters. */
    private static final int DISTINCT_RUNS = 4;

    private DownstreamUncertainty() {
    }

    /** Draws of {@code map}'s chosen form, each point a run of its own (a model evaluated once). */
    public static Draws of(DownstreamFitter.Map map, List<DownstreamFitter.Point> points, Double chance,
                           int resamples, long seed) {
        return of(map, points, chance, resamples, seed, DownstreamFitter.Point::run);
    }

    /**
     * Draws of {@code map}'s chosen form.
     *
     * @param points the models the map was fitted on
     * @param chance the chance level the sigmoid was fitted with, or null
     * @param runOf the run of a point: the bootstrap draws runs
     */
    public static Draws of(DownstreamFitter.Map map, List<DownstreamFitter.Point> points, Double chance,
                           int resamples, long seed, Function<DownstreamFitter.Point, String> runOf) {
        boolean exponential = DownstreamFitter.EXPONENTIAL.equals(map.form());
        List<List<DownstreamFitter.Point>> runs = new ArrayList<>(points.stream()
                .collect(Collectors.groupingBy(runOf, LinkedHashMap::new, Collectors.toList())).values());
        if (exponential && runs.size() < BOOTSTRAP_MIN_RUNS) {
            ErrorFit fit = map.exponential();
            List<double[]> draws = fit.covariance().map(c -> covarianceDraws(c, fit.law(), resamples, seed))
                    .orElse(List.of());
            return new Draws(FittedLaw.Bootstrap.COVARIANCE, draws, resamples);
        }
        List<double[]> draws = CaseBootstrap.draws(runs, resamples, seed, DISTINCT_RUNS, drawnRuns -> {
            List<DownstreamFitter.Point> drawn = drawnRuns.stream().flatMap(List::stream).toList();
            // Each resample is fitted from the map's law, near its own optimum, and counts as failed if that start
            // fails: the recipe's distant starts cost a flat benchmark's resamples up to 70,000 evaluations each.
            return exponential ? Optional.ofNullable(DownstreamFitter.exponentialFrom(drawn, map.exponential().law()))
                    .map(f -> f.law().toVector())
                    : Optional.ofNullable(DownstreamFitter.sigmoidFrom(drawn, map.sigmoid()))
                    .map(SigmoidAccuracyLaw::toVector);
        });
        return new Draws(FittedLaw.Bootstrap.RUNS, draws, resamples);
    }

    /**
     * Draws of an exponential map from its linearised covariance (multivariate Student t), keeping only maps the form
     * allows ({@link ErrorLaw#allowed()}): the kept draws are the t distribution truncated to possible maps, and the
     * rejected ones count as failed draws.
     */
    public static List<double[]> covarianceDraws(Covariance covariance, ErrorLaw law, int count, long seed) {
        return covariance.sample(law.toVector(), count, seed).stream()
                .filter(v -> ErrorLaw.fromVector(v).allowed()).toList();
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
