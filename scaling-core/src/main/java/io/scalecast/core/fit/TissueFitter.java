package io.scalecast.core.fit;

import io.scalecast.core.law.TissueLaw;
import io.scalecast.core.schedule.AnnealingAreas;
import io.scalecast.core.schedule.LossCurve;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fits Tissue et al.'s annealing law to loss curves jointly with the authors' recipe (science.md section 2.3): summed
 * Huber(1e-3) on log residuals, 54 starts (L0 ∈ {0.1, 2.1}, A and C ∈ {1, 11.5, 22}, α ∈ {0, 0.4, 0.8}), L-BFGS in
 * [ln L0, ln A, α, ln C] with α in [0, 3], warm-up at peak and λ = 0.999 unless told otherwise.
 */
public final class TissueFitter {

    private final double lambda;
    private final boolean warmupAtPeak;
    private final Lbfgs optimizer;
    private final List<double[]> starts;

    private TissueFitter(double lambda, boolean warmupAtPeak, Lbfgs optimizer, List<double[]> starts) {
        this.lambda = lambda;
        this.warmupAtPeak = warmupAtPeak;
        this.optimizer = optimizer;
        this.starts = starts;
    }

    /** The authors' recipe: λ = 0.999, warm-up counted at the peak, 54 starts. */
    public static TissueFitter standard() {
        return new TissueFitter(AnnealingAreas.DEFAULT_LAMBDA, true, Lbfgs.defaults(), grid());
    }

    /** The same recipe under another warm-up convention (false: the rates as trained). */
    public TissueFitter withWarmupAtPeak(boolean atPeak) {
        return new TissueFitter(lambda, atPeak, optimizer, starts);
    }

    /** A fitter that searches from {@code previous} only: the warm start of a refit after the curves grew. */
    public TissueFitter warmFrom(TissueLaw previous) {
        return new TissueFitter(lambda, warmupAtPeak, optimizer, List.of(searchVector(previous)));
    }

    /** Fits the curves jointly; at least 4 points in all. */
    public ScheduleFit<TissueLaw> fit(List<LossCurve> curves) {
        double[] loss = ScheduleFit.losses(curves);
        if (loss.length < 4) {
            throw new IllegalArgumentException("the annealing law has 4 parameters and needs at least 4 points, got "
                    + loss.length);
        }
        long t0 = System.nanoTime();
        MultiStart.Outcome o = MultiStart.run(new TissueObjective(curves, lambda, warmupAtPeak, Huber.DEFAULT_DELTA),
                starts, optimizer, r -> usable(r.x()), "an annealing law with finite parameters and alpha in [0, "
                        + ChinchillaFitter.MAX_EXPONENT + "]");
        TissueLaw law = law(o.best().x());
        return ScheduleFit.of(law, o, curves, c -> law.losses(c.rates(), c.steps()), t0,
                Map.of("alpha", law.alpha()));
    }

    private TissueLaw law(double[] v) {
        return new TissueLaw(Math.exp(v[0]), Math.exp(v[1]), v[2], Math.exp(v[3]), lambda, warmupAtPeak);
    }

    /**
     * Refits from {@code start} alone, as a bootstrap resample or a warm refit does; empty when that start reaches
     * no usable law.
     */
    public Optional<TissueLaw> refine(List<LossCurve> curves, TissueLaw start) {
        LbfgsResult r = optimizer.minimize(new TissueObjective(curves, lambda, warmupAtPeak, Huber.DEFAULT_DELTA), searchVector(start));
        return Double.isFinite(r.value()) && usable(r.x()) ? Optional.of(law(r.x())) : Optional.empty();
    }

    static double[] searchVector(TissueLaw law) {
        return new double[] {Math.log(law.l0()), Math.log(law.a()), law.alpha(), Math.log(law.c())};
    }

    private static boolean usable(double[] v) {
        return v[0] < 700 && v[1] < 700 && v[3] < 700 && v[2] >= 0 && v[2] <= ChinchillaFitter.MAX_EXPONENT;
    }

    private static List<double[]> grid() {
        List<double[]> out = new ArrayList<>();
        for (double l0 : new double[] {0.1, 2.1}) {
            for (double a : new double[] {1, 11.5, 22}) {
                for (double c : new double[] {1, 11.5, 22}) {
                    for (double alpha : new double[] {0, 0.4, 0.8}) {
                        out.add(new double[] {Math.log(l0), Math.log(a), alpha, Math.log(c)});
                    }
                }
            }
        }
        return out;
    }
}
