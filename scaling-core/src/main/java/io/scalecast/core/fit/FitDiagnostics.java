package io.scalecast.core.fit;

import java.util.List;
import java.util.Map;

/**
 * How a multi-start fit went.
 *
 * @param points data points fitted
 * @param starts distinct starts run
 * @param convergedStarts starts that met a tolerance
 * @param bestStartHits converged starts that reached the best objective (within 1e-8 relative)
 * @param iterations L-BFGS iterations of the winning start
 * @param evaluations objective evaluations over all starts
 * @param converged whether the winning start converged
 * @param r2 coefficient of determination of the loss, in linear space
 * @param rmseLog root mean square of the log residuals
 * @param millis wall time of the fit
 * @param unusableStarts converged starts whose optimum lay outside the usable range (exponents beyond [0, 3] or
 *     scales that overflow): when many, the data alone prefer a law that is not physical, and a pinned or borrowed
 *     parameter is the better answer
 * @param atBound free exponents within 1e-3 of the usable range's ends (0 or 3): the data pushed them to the edge,
 *     so the law there is a constraint's answer rather than the data's
 */
public record FitDiagnostics(int points, int starts, int convergedStarts, int bestStartHits, int iterations,
                             long evaluations, boolean converged, double r2, double rmseLog, long millis,
                             int unusableStarts, List<String> atBound) {

    /** Closeness to an end of [0, MAX_EXPONENT] that counts as at the bound. */
    static final double BOUND_TOLERANCE = 1e-3;

    public FitDiagnostics {
        atBound = List.copyOf(atBound);
    }

    /** The names of exponents (name to value) that sit at an end of [0, MAX_EXPONENT]. */
    static List<String> atBound(Map<String, Double> exponents) {
        return exponents.entrySet().stream().filter(e -> e.getValue() < BOUND_TOLERANCE
                || e.getValue() > ChinchillaFitter.MAX_EXPONENT - BOUND_TOLERANCE).map(Map.Entry::getKey).toList();
    }
}
