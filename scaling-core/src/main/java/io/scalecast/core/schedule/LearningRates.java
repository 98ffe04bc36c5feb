package io.scalecast.core.schedule;

import java.util.Arrays;

/**
 * The learning rate at every optimiser step from 0 to a last step, as the whole-curve laws need it (science.md
 * section 2.3: S1 and S2 sum over every step, not only the logged ones). Immutable.
 */
public final class LearningRates {

    private final double[] eta;

    private LearningRates(double[] eta) {
        this.eta = eta;
    }

    /** The rates of steps 0 to {@code eta.length − 1}; each finite and ≥ 0. */
    public static LearningRates of(double[] eta) {
        if (eta.length == 0) {
            throw new IllegalArgumentException("a schedule needs at least one step");
        }
        for (int s = 0; s < eta.length; s++) {
            if (!(eta[s] >= 0) || !Double.isFinite(eta[s])) {
                throw new IllegalArgumentException("the learning rate at step " + s + " must be finite and >= 0, was "
                        + eta[s]);
            }
        }
        return new LearningRates(eta.clone());
    }

    /**
     * The rates between logged (step, lr) points, interpolated linearly step by step, as science.md advises when no
     * descriptor is known (adequate while the logging interval is well below 1/(1 − λ) = 1,000 steps). Before the
     * first logged step the rate rises linearly from 0 at step 0, as a linear warm-up does; the last logged step is
     * the last step.
     *
     * @param steps logged steps, strictly increasing, ≥ 0
     * @param lrs the learning rate logged at each
     */
    public static LearningRates interpolate(long[] steps, double[] lrs) {
        if (steps.length == 0 || steps.length != lrs.length) {
            throw new IllegalArgumentException("interpolation needs one learning rate per logged step, at least one");
        }
        for (int i = 1; i < steps.length; i++) {
            if (steps[i] <= steps[i - 1]) {
                throw new IllegalArgumentException("logged steps must increase: step " + steps[i] + " follows "
                        + steps[i - 1]);
            }
        }
        if (steps[0] < 0) {
            throw new IllegalArgumentException("steps must be >= 0, was " + steps[0]);
        }
        double[] eta = new double[Math.toIntExact(steps[steps.length - 1] + 1)];
        long fromStep = 0;
        double fromLr = steps[0] == 0 ? lrs[0] : 0;
        for (int i = 0; i < steps.length; i++) {
            for (long s = fromStep; s <= steps[i]; s++) {
                double f = steps[i] == fromStep ? 1 : (double) (s - fromStep) / (steps[i] - fromStep);
                eta[(int) s] = fromLr + f * (lrs[i] - fromLr);
            }
            fromStep = steps[i];
            fromLr = lrs[i];
        }
        return of(eta);
    }

    /** The last step with a rate. */
    public int lastStep() {
        return eta.length - 1;
    }

    /** The rate at step {@code s}. */
    public double at(int s) {
        return eta[s];
    }

    /** The highest rate. */
    public double peak() {
        return Arrays.stream(eta).max().orElseThrow();
    }

    /** A copy of every step's rate. */
    public double[] toArray() {
        return eta.clone();
    }

    /**
     * Tissue et al.'s warm-up convention: every step before the rate first reaches its peak counted at the peak
     * ("we compute S1 and S2 regarding lr as max_lr in warmup stages", science.md section 2.3, point 1).
     */
    public LearningRates warmupAtPeak() {
        double peak = peak();
        double[] out = eta.clone();
        for (int s = 0; s < out.length && out[s] < peak; s++) {
            out[s] = peak;
        }
        return new LearningRates(out);
    }

    /** These rates up to step {@code from − 1}, then {@code then}'s from step {@code from} to its last step. */
    public LearningRates continuedBy(int from, LearningRates then) {
        if (from < 0 || from > eta.length || from > then.lastStep()) {
            throw new IllegalArgumentException("a schedule can take over at a step up to " + eta.length
                    + " within its own, not " + from);
        }
        double[] out = Arrays.copyOf(eta, then.eta.length);
        System.arraycopy(then.eta, from, out, from, then.eta.length - from);
        return new LearningRates(out);
    }
}
