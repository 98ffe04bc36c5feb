package io.scalecast.core.law;

import io.scalecast.core.schedule.DropBlocks;
import io.scalecast.core.schedule.LearningRates;

/**
 * Luo et al. 2025's Multi-Power Law of a whole loss curve, L(t) = L0 + A·S1(t)^−α + B·LD(t), with
 * LD(t) = Σ_{k=1..t} (η_k − η_{k−1})·(1 − (1 + C·η_k^−γ·Σ_{τ=k..t} η_τ)^−β) and S1(t) = Σ_{τ≤t} η_τ over the rates
 * as trained, warm-up included (arXiv 2503.12811; the code of {@code thu-yao-01-luo/MultiPowerLaw}).
 *
 * @param l0 L0
 * @param a A
 * @param alpha α
 * @param b B, the scale of the loss drop
 * @param c C
 * @param beta β
 * @param gamma γ
 */
public record MultiPowerLaw(double l0, double a, double alpha, double b, double c, double beta, double gamma) {

    /** The parameter names, in {@link #toVector()} order (the repository's order). */
    public static final String[] NAMES = {"L0", "A", "alpha", "B", "C", "beta", "gamma"};

    /** The law of [L0, A, α, B, C, β, γ]. */
    public static MultiPowerLaw fromVector(double[] v) {
        return new MultiPowerLaw(v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
    }

    /** [L0, A, α, B, C, β, γ]. */
    public double[] toVector() {
        return new double[] {l0, a, alpha, b, c, beta, gamma};
    }

    /** The loss at each of {@code steps} under {@code rates}. */
    public double[] losses(LearningRates rates, int[] steps) {
        return losses(rates, steps, DropBlocks.of(rates, steps));
    }

    /** The loss at each of {@code steps}, with the drop sums grouped as {@code blocks} says. */
    public double[] losses(LearningRates rates, int[] steps, DropBlocks blocks) {
        double[] out = new double[steps.length];
        double s1 = 0;
        int summed = 0;
        for (int i = 0; i < steps.length; i++) {
            for (; summed <= steps[i]; summed++) {
                s1 += rates.at(summed);
            }
            out[i] = l0 + a * Math.pow(s1, -alpha) + b * lossDrop(blocks, i);
        }
        return out;
    }

    /** LD at point {@code i} of {@code blocks}. */
    public double lossDrop(DropBlocks blocks, int i) {
        double sum = 0;
        for (int k = blocks.first(i); k < blocks.end(i); k++) {
            sum += blocks.drop(k) * share(blocks.area(k), blocks.lnEta(k));
        }
        return sum;
    }

    /** 1 − (1 + C·η^−γ·area)^−β, the share of a drop realised after {@code area} of further training. */
    double share(double area, double lnEta) {
        if (lnEta == Double.NEGATIVE_INFINITY) {
            return 1;
        }
        return 1 - Math.pow(1 + c * Math.exp(-gamma * lnEta) * area, -beta);
    }
}
