package io.scalecast.core.law;

/**
 * Gadre et al.'s map from loss to average top-1 error (2024, eq. 5): Err(L) = ε − k·exp(−γ·L), bounded above by ε
 * (the error when loss is large, near chance) and approaching ε − k·exp(−γ·E) as L falls to E.
 *
 * @param epsilon the error ceiling ε
 * @param k the scale k
 * @param gamma the rate γ
 */
public record ErrorLaw(double epsilon, double k, double gamma) {

    /** The predicted error at loss L. */
    public double error(double loss) {
        return epsilon - k * Math.exp(-gamma * loss);
    }
}
