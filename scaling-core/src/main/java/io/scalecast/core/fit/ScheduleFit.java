package io.scalecast.core.fit;

import io.scalecast.core.schedule.LossCurve;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The result of fitting a whole-curve law of the learning-rate schedule to runs' loss curves.
 *
 * @param law the fitted law
 * @param objective the summed Huber objective at the optimum
 * @param delta the Huber threshold
 * @param diagnostics how the search went
 * @param <L> the law
 */
public record ScheduleFit<L>(L law, double objective, double delta, FitDiagnostics diagnostics) {

    /**
     * The fit of a multi-start search's winner.
     *
     * @param law the winner's law
     * @param o the search
     * @param curves the curves fitted
     * @param losses the law's losses at a curve's steps
     * @param startNanos when the fit began
     * @param exponents the law's exponents by name, to flag those at a bound
     */
    static <L> ScheduleFit<L> of(L law, MultiStart.Outcome o, List<LossCurve> curves,
                                 Function<LossCurve, double[]> losses, long startNanos, Map<String, Double> exponents) {
        double[] loss = losses(curves);
        double[] predicted = curves.stream().flatMapToDouble(c -> Arrays.stream(losses.apply(c))).toArray();
        FitDiagnostics d = new FitDiagnostics(loss.length, o.starts(), o.converged(), o.bestHits(),
                o.best().iterations(), o.evaluations(), o.best().converged(),
                ChinchillaFitter.r2(i -> predicted[i], loss), ChinchillaFitter.rmseLog(i -> predicted[i], loss),
                (System.nanoTime() - startNanos) / 1_000_000, o.unusable(), FitDiagnostics.atBound(exponents));
        return new ScheduleFit<>(law, o.best().value(), Huber.DEFAULT_DELTA, d);
    }

    /** Every observed loss of {@code curves}, in order, as one array. */
    static double[] losses(List<LossCurve> curves) {
        return curves.stream().flatMapToDouble(c -> Arrays.stream(c.loss())).toArray();
    }
}
