package io.scalecast.core.law;

import io.scalecast.core.schedule.AnnealingAreas;
import io.scalecast.core.schedule.LearningRates;

/**
 * Tissue et al.'s learning-rate annealing law of a whole loss curve, L(s) = L0 + A·S1(s)^−α − C·S2(s), with the
 * momentum factor λ of S2 and the warm-up convention it was fitted under (science.md section 2.3).
 *
 * @param l0 the loss the curve tends to as S1 grows, L0
 * @param a scale of the forward-area term, A
 * @param alpha exponent of the forward area, α
 * @param c gain per unit of annealing area, C
 * @param lambda S2's momentum factor
 * @param warmupAtPeak whether warm-up steps count at the peak rate (the authors' convention)
 */
public record TissueLaw(double l0, double a, double alpha, double c, double lambda, boolean warmupAtPeak) {

    /** The parameter names, in {@link #toVector()} order. */
    public static final String[] NAMES = {"L0", "A", "alpha", "C"};

    /** The law of [L0, A, α, C] under the default λ and warm-up convention. */
    public static TissueLaw fromVector(double[] v) {
        return new TissueLaw(v[0], v[1], v[2], v[3], AnnealingAreas.DEFAULT_LAMBDA, true);
    }

    /** The same parameters under momentum factor {@code lambda} and warm-up convention {@code atPeak}. */
    public TissueLaw withConvention(double lambda, boolean atPeak) {
        return new TissueLaw(l0, a, alpha, c, lambda, atPeak);
    }

    /** [L0, A, α, C]. */
    public double[] toVector() {
        return new double[] {l0, a, alpha, c};
    }

    /** The areas of {@code rates} under this law's convention. */
    public AnnealingAreas areas(LearningRates rates) {
        return AnnealingAreas.of(warmupAtPeak ? rates.warmupAtPeak() : rates, lambda);
    }

    /** The loss at forward area {@code s1} and annealing area {@code s2}. */
    public double loss(double s1, double s2) {
        return l0 + a * Math.pow(s1, -alpha) - c * s2;
    }

    /** The loss at each of {@code steps} under {@code rates}. */
    public double[] losses(LearningRates rates, int[] steps) {
        AnnealingAreas areas = areas(rates);
        double[] out = new double[steps.length];
        for (int i = 0; i < steps.length; i++) {
            out[i] = loss(areas.forward(steps[i]), areas.annealing(steps[i]));
        }
        return out;
    }
}
