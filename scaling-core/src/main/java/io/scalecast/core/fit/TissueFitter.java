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
    /** C when it is borrowed rather than fitted, else NaN. */
    private final double borrowedC;

    private TissueFitter(double lambda, boolean warmupAtPeak, Lbfgs optimizer, List<double[]> starts,
                         double borrowedC) {
        this.lambda = lambda;
        this.warmupAtPeak = warmupAtPeak;
        this.optimizer = optimizer;
        this.starts = starts;
        this.borrowedC = borrowedC;
    }

    /** The authors' recipe: λ = 0.999, warm-up counted at the peak, 54 starts. */
    public static TissueFitter standard() {
        return new TissueFitter(AnnealingAreas.DEFAULT_LAMBDA, true, Lbfgs.defaults(), grid(), Double.NaN);
    }

    /** The same recipe under another warm-up convention (false: the rates as trained). */
    public TissueFitter withWarmupAtPeak(boolean atPeak) {
        return new TissueFitter(lambda, atPeak, optimizer, starts, borrowedC);
    }

    /** A fitter that searches from {@code previous} only: the warm start of a refit after the curves grew. */
    public TissueFitter warmFrom(TissueLaw previous) {
        return new TissueFitter(lambda, warmupAtPeak, optimizer, List.of(searchVector(previous)), borrowedC);
    }

    /**
     * A fitter that holds C at {@code c} and fits L0, A and α: curves that have not annealed (S2 ≡ 0) cannot
     * identify C, so it is borrowed from curves that have, as science.md's borrowing of exponents does.
     */
    public TissueFitter withBorrowedC(double c) {
        if (!(c > 0 && Double.isFinite(c))) {
            throw new IllegalArgumentException("a borrowed C must be finite and > 0, was " + c);
        }
        return new TissueFitter(lambda, warmupAtPeak, optimizer, starts, c);
    }

    /** Whether C is borrowed rather than fitted. */
    public boolean borrowsC() {
        return !Double.isNaN(borrowedC);
    }

    /** Fits the curves jointly; at least 4 points in all. */
    public ScheduleFit<TissueLaw> fit(List<LossCurve> curves) {
        double[] loss = ScheduleFit.losses(curves);
        if (loss.length < 4) {
            throw new IllegalArgumentException("the annealing law has 4 parameters and needs at least 4 points, got "
                    + loss.length);
        }
        long t0 = System.nanoTime();
        Search search = search(curves);
        MultiStart.Outcome o = MultiStart.run(search.objective(), starts.stream().map(search::free).toList(),
                optimizer, r -> usable(search.full(r.x())), "an annealing law with finite parameters and alpha in [0, "
                        + ChinchillaFitter.MAX_EXPONENT + "]");
        TissueLaw law = law(search.full(o.best().x()));
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
        Search search = search(curves);
        LbfgsResult r = optimizer.minimizeNear(search.objective(), search.free(searchVector(start)));
        double[] x = search.full(r.x());
        return Double.isFinite(r.value()) && usable(x) ? Optional.of(law(x)) : Optional.empty();
    }

    private Search search(List<LossCurve> curves) {
        TissueObjective objective = new TissueObjective(curves, lambda, warmupAtPeak, Huber.DEFAULT_DELTA);
        return new Search(objective, borrowsC() ? new PinnedObjective(objective, 3, Math.log(borrowedC)) : null);
    }

    /**
     * The objective searched: over [ln L0, ln A, α, ln C], or without ln C when C is borrowed.
     *
     * @param all the objective over every coordinate
     * @param pinned the objective with ln C held, or null
     */
    private record Search(Objective all, PinnedObjective pinned) {

        Objective objective() {
            return pinned == null ? all : pinned;
        }

        double[] free(double[] full) {
            return pinned == null ? full : pinned.drop(full);
        }

        double[] full(double[] free) {
            return pinned == null ? free : pinned.expand(free);
        }
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
