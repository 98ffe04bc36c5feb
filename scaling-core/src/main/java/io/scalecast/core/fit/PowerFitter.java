package io.scalecast.core.fit;

import io.scalecast.core.law.PowerLaw;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fits L(x) = E + A·x^−α with the Chinchilla fit's objective and method: summed Huber on log residuals, a grid of
 * 150 starts (a ∈ {0, 5, …, 25}, e ∈ {−1, −0.5, …, 1}, α ∈ {0, 0.5, …, 2}), L-BFGS, exponent in [0, 3].
 */
public final class PowerFitter {

    private final double delta;
    private final Lbfgs optimizer;
    private final List<double[]> starts;
    private final int screenTo;

    public PowerFitter(double delta, Lbfgs optimizer) {
        this(delta, optimizer, starts(), Integer.MAX_VALUE);
    }

    private PowerFitter(double delta, Lbfgs optimizer, List<double[]> starts, int screenTo) {
        this.delta = delta;
        this.optimizer = optimizer;
        this.starts = starts;
        this.screenTo = screenTo;
    }

    /** A fitter that searches from {@code previous} only: the warm start of a refit after the data grew a little. */
    public PowerFitter warmFrom(PowerLaw previous) {
        return new PowerFitter(delta, optimizer, List.of(previous.toLogVector()), Integer.MAX_VALUE);
    }

    /** A fitter that runs L-BFGS only from the {@code keep} starts with the lowest objective, evaluated once each. */
    public PowerFitter screening(int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("a screened search keeps at least 1 start, was " + keep);
        }
        return new PowerFitter(delta, optimizer, starts, keep);
    }

    /** δ = 1e-3 and the default L-BFGS, as for the Chinchilla law. */
    public static PowerFitter standard() {
        return new PowerFitter(Huber.DEFAULT_DELTA, Lbfgs.defaults());
    }

    /** Fits losses against one axis (all values > 0). */
    public PowerFit fit(double[] x, double[] loss) {
        if (loss.length < 3) {
            throw new IllegalArgumentException("a power-law fit needs at least 3 points, got " + loss.length);
        }
        long t0 = System.nanoTime();
        PowerObjective objective = new PowerObjective(x, loss, delta);
        MultiStart.Outcome o = MultiStart.run(objective, MultiStart.screened(objective, starts, screenTo), optimizer,
                r -> usable(r.x()), "a power law with finite parameters and an exponent in [0, " + ChinchillaFitter.MAX_EXPONENT + "]");
        PowerLaw law = PowerLaw.fromLogVector(o.best().x());
        FitDiagnostics d = new FitDiagnostics(loss.length, o.starts(), o.converged(), o.bestHits(),
                o.best().iterations(), o.evaluations(), o.best().converged(),
                ChinchillaFitter.r2(i -> law.loss(x[i]), loss), ChinchillaFitter.rmseLog(i -> law.loss(x[i]), loss),
                (System.nanoTime() - t0) / 1_000_000, o.unusable(),
                FitDiagnostics.atBound(Map.of("alpha", law.alpha())));
        return new PowerFit(law, o.best().value(), delta, d);
    }

    /**
     * Refits from a single start, as a bootstrap resample does from the point estimate; empty when that start does
     * not reach a usable law.
     */
    public Optional<PowerLaw> refine(double[] x, double[] loss, PowerLaw start) {
        LbfgsResult r = optimizer.minimize(new PowerObjective(x, loss, delta), start.toLogVector());
        return Double.isFinite(r.value()) && usable(r.x()) ? Optional.of(PowerLaw.fromLogVector(r.x()))
                : Optional.empty();
    }

    /** Finite scales and an exponent in [0, MAX_EXPONENT], as for the Chinchilla law. */
    private static boolean usable(double[] v) {
        return v[0] < 700 && v[1] < 700 && v[2] >= 0 && v[2] <= ChinchillaFitter.MAX_EXPONENT;
    }

    private static List<double[]> starts() {
        List<double[]> out = new ArrayList<>();
        for (double a = 0; a <= 25; a += 5) {
            for (double e = -1; e <= 1; e += 0.5) {
                for (double alpha = 0; alpha <= 2; alpha += 0.5) {
                    out.add(new double[] {a, e, alpha});
                }
            }
        }
        return out;
    }
}
