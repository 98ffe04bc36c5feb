package io.scalecast.core.fit;

/**
 * Where one L-BFGS run stopped.
 *
 * @param x the final point
 * @param value the objective there
 * @param iterations iterations taken
 * @param evaluations objective evaluations taken
 * @param converged true when a tolerance was met, false when the run hit its iteration limit or a failed line search
 */
public record LbfgsResult(double[] x, double value, int iterations, int evaluations, boolean converged) {
}
