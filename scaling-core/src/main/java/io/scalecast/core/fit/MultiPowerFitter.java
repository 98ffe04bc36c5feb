package io.scalecast.core.fit;

import io.scalecast.core.law.MultiPowerLaw;
import io.scalecast.core.law.TissueLaw;
import io.scalecast.core.schedule.LossCurve;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fits the Multi-Power Law to loss curves jointly: summed Huber(1e-3) on log residuals, L-BFGS in
 * [ln L0, ln A, α, ln B, ln C, β, γ] with the exponents kept inside (0, 3) by {@link BoxedObjective}. Starts: L0, A and α of the annealing law fitted
 * to the same curves with the rates as trained (the power term is the same in both laws, as the MPL repository
 * initialises it from a simpler law), B ∈ {0.03, 0.1, 0.3} over the peak rate (a loss drop of that size for the
 * whole decay), C ∈ {0.5, 2, 8} and β, γ ∈ {0.3, 0.6}: 36 starts.
 */
public final class MultiPowerFitter {

    private static final int[] EXPONENTS = {2, 5, 6};

    private final Lbfgs optimizer;
    private final List<double[]> fixedStarts;

    private MultiPowerFitter(Lbfgs optimizer, List<double[]> fixedStarts) {
        this.optimizer = optimizer;
        this.fixedStarts = fixedStarts;
    }

    /** The grid search above. */
    public static MultiPowerFitter standard() {
        return new MultiPowerFitter(Lbfgs.defaults(), List.of());
    }

    /** A fitter that searches from {@code previous} only: the warm start of a refit after the curves grew. */
    public MultiPowerFitter warmFrom(MultiPowerLaw previous) {
        return new MultiPowerFitter(optimizer, List.of(searchVector(previous)));
    }

    /** Fits the curves jointly; at least 7 points in all. */
    public ScheduleFit<MultiPowerLaw> fit(List<LossCurve> curves) {
        double[] loss = ScheduleFit.losses(curves);
        if (loss.length < 7) {
            throw new IllegalArgumentException("the multi-power law has 7 parameters and needs at least 7 points, got "
                    + loss.length);
        }
        long t0 = System.nanoTime();
        List<double[]> starts = fixedStarts.isEmpty() ? grid(curves) : fixedStarts;
        Search search = Search.of(curves);
        MultiStart.Outcome o = MultiStart.run(search.objective(), starts.stream().map(search::toSearch).toList(),
                optimizer, r -> usable(search.toLaw(r.x())), "a multi-power law with finite parameters");
        MultiPowerLaw law = law(search.toLaw(o.best().x()));
        return ScheduleFit.of(law, o, curves, c -> law.losses(c.rates(), c.steps()), t0,
                Map.of("alpha", law.alpha(), "beta", law.beta(), "gamma", law.gamma()));
    }

    static MultiPowerLaw law(double[] v) {
        return new MultiPowerLaw(Math.exp(v[0]), Math.exp(v[1]), v[2], Math.exp(v[3]), Math.exp(v[4]), v[5], v[6]);
    }

    /**
     * Refits from {@code start} alone, as a bootstrap resample or a warm refit does; empty when that start reaches
     * no usable law.
     */
    public Optional<MultiPowerLaw> refine(List<LossCurve> curves, MultiPowerLaw start) {
        Search search = Search.of(curves);
        LbfgsResult r = optimizer.minimizeNear(search.objective(), search.toSearch(searchVector(start)));
        double[] v = search.toLaw(r.x());
        return Double.isFinite(r.value()) && usable(v) ? Optional.of(law(v)) : Optional.empty();
    }

    /**
     * The Huber objective of some curves with α, β and γ kept inside (0, 3), searched with C measured at the curves'
     * highest peak rate (see {@link MultiPowerObjective}), and the change between the law's coordinates
     * [ln L0, ln A, α, ln B, ln C, β, γ] and the search's.
     */
    private record Search(BoxedObjective objective, double lnRef) {

        static Search of(List<LossCurve> curves) {
            double lnRef = Math.log(peak(curves));
            return new Search(new BoxedObjective(new MultiPowerObjective(curves, Huber.DEFAULT_DELTA, lnRef),
                    EXPONENTS, ChinchillaFitter.MAX_EXPONENT), lnRef);
        }

        double[] toSearch(double[] law) {
            double[] x = law.clone();
            x[4] -= x[6] * lnRef;
            return objective.toSearch(x);
        }

        double[] toLaw(double[] u) {
            double[] x = objective.toLaw(u);
            x[4] += x[6] * lnRef;
            return x;
        }
    }

    private static double peak(List<LossCurve> curves) {
        return curves.stream().mapToDouble(c -> c.rates().peak()).max().orElseThrow();
    }

    static double[] searchVector(MultiPowerLaw law) {
        return new double[] {Math.log(law.l0()), Math.log(law.a()), law.alpha(), Math.log(law.b()),
            Math.log(law.c()), law.beta(), law.gamma()};
    }

    private static boolean usable(double[] v) {
        for (int k : new int[] {0, 1, 3, 4}) {
            if (v[k] >= 700) {
                return false;
            }
        }
        return true;
    }

    private static List<double[]> grid(List<LossCurve> curves) {
        TissueLaw power = TissueFitter.standard().withWarmupAtPeak(false).fit(curves).law();
        double peak = peak(curves);
        List<double[]> out = new ArrayList<>();
        for (double b : new double[] {0.03, 0.1, 0.3}) {
            for (double c : new double[] {0.5, 2, 8}) {
                for (double beta : new double[] {0.3, 0.6}) {
                    for (double gamma : new double[] {0.3, 0.6}) {
                        out.add(new double[] {Math.log(power.l0()), Math.log(power.a()), power.alpha(),
                            Math.log(b / peak), Math.log(c), beta, gamma});
                    }
                }
            }
        }
        return out;
    }
}
