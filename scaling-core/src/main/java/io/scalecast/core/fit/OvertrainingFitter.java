package io.scalecast.core.fit;

import io.scalecast.core.data.CheckpointPoint;
import io.scalecast.core.data.RunFinals;
import io.scalecast.core.law.OvertrainingLaw;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresProblem;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.MultivariateJacobianFunction;
import org.hipparchus.util.Pair;

/**
 * Fits {@link OvertrainingLaw} with Gadre et al.'s recipe (science.md section 4.1): Levenberg–Marquardt on plain
 * squared error in linear space with at most 10,000 evaluations, from 128 starts (a, b ∈ {1e2, 3e2, 1e3, 3e3},
 * p ∈ {−0.1, −0.3}, E ∈ {0, 1, 2, 10}), keeping the fit with the lowest RMSE computed with n − 2 degrees of freedom.
 * Only optima with a negative, finite exponent count: loss must fall with scale.
 */
public final class OvertrainingFitter {

    private static final int MAX_EVALUATIONS = 10_000;

    private final List<double[]> starts;

    /** The recipe's fitter, from its 128 starts. */
    public OvertrainingFitter() {
        this(grid());
    }

    private OvertrainingFitter(List<double[]> starts) {
        this.starts = starts;
    }

    /** A fitter that starts only from {@code law}: a refit of data that changed little since {@code law} was fitted. */
    public OvertrainingFitter warmFrom(OvertrainingLaw law) {
        return new OvertrainingFitter(List.of(law.toVector()));
    }

    /** Fits the finals of runs: N, M = D/N and the final loss of each. */
    public OvertrainingFit fit(List<CheckpointPoint> finals) {
        return fit(finals.stream().mapToDouble(CheckpointPoint::params).toArray(),
                finals.stream().mapToDouble(RunFinals::multiplier).toArray(),
                finals.stream().mapToDouble(CheckpointPoint::loss).toArray());
    }

    /** Fits losses of models with N parameters trained at token multiplier M. */
    public OvertrainingFit fit(double[] params, double[] multiplier, double[] loss) {
        if (loss.length < 4 || params.length != loss.length || multiplier.length != loss.length) {
            throw new IllegalArgumentException("an over-training fit needs at least 4 models with N, M and loss");
        }
        ChinchillaObjective.logs(params, "params");
        ChinchillaObjective.logs(multiplier, "multiplier");
        ChinchillaObjective.logs(loss, "loss");
        MultivariateJacobianFunction model = model(params, multiplier);
        long t0 = System.nanoTime();
        List<LeastSquaresOptimizer.Optimum> usable = new ArrayList<>();
        int converged = 0;
        for (double[] start : starts) {
            LeastSquaresProblem problem = new LeastSquaresBuilder().start(start).model(model).target(loss)
                    .maxEvaluations(MAX_EVALUATIONS).maxIterations(MAX_EVALUATIONS).build();
            try {
                LeastSquaresOptimizer.Optimum o = new LevenbergMarquardtOptimizer().optimize(problem);
                converged++;
                if (usable(o)) {
                    usable.add(o);
                }
            } catch (MathIllegalStateException e) {
                // This start ran out of evaluations; the others decide.
            }
        }
        LeastSquaresOptimizer.Optimum best = usable.stream()
                .min(Comparator.comparingDouble(LeastSquaresOptimizer.Optimum::getRMS)).orElseThrow(() ->
                        new IllegalStateException("no start of the over-training fit reached a law with a finite,"
                                + " negative exponent"));
        OvertrainingLaw law = OvertrainingLaw.fromVector(best.getPoint().toArray());
        double ssr = best.getResiduals().dotProduct(best.getResiduals());
        long hits = usable.stream().filter(o -> o.getRMS() <= best.getRMS() * (1 + 1e-8) + 1e-300).count();
        FitDiagnostics diagnostics = new FitDiagnostics(loss.length, starts.size(), converged, (int) hits,
                best.getIterations(), usable.stream().mapToLong(LeastSquaresOptimizer.Optimum::getEvaluations).sum(),
                true, ChinchillaFitter.r2(i -> law.loss(params[i], multiplier[i]), loss),
                ChinchillaFitter.rmseLog(i -> law.loss(params[i], multiplier[i]), loss),
                (System.nanoTime() - t0) / 1_000_000, converged - usable.size(), List.of());
        return new OvertrainingFit(law, Math.sqrt(ssr / (loss.length - 2)), ssr,
                Covariance.of(OvertrainingLaw.NAMES, best, loss.length), diagnostics);
    }

    /** Whether an optimum is a law: finite, with loss falling in scale. */
    private static boolean usable(LeastSquaresOptimizer.Optimum o) {
        double[] v = o.getPoint().toArray();
        for (double x : v) {
            if (!Double.isFinite(x)) {
                return false;
            }
        }
        return v[3] < 0 && Double.isFinite(o.getRMS());
    }

    /** The law's values and exact Jacobian in (E, a, b, p). */
    private static MultivariateJacobianFunction model(double[] n, double[] m) {
        return point -> {
            OvertrainingLaw law = OvertrainingLaw.fromVector(point.toArray());
            RealVector value = new ArrayRealVector(n.length);
            RealMatrix jacobian = new Array2DRowRealMatrix(n.length, OvertrainingLaw.NAMES.size());
            for (int i = 0; i < n.length; i++) {
                value.setEntry(i, law.loss(n[i], m[i]));
                jacobian.setRow(i, law.gradient(n[i], m[i]));
            }
            return new Pair<>(value, jacobian);
        };
    }

    /** The repository's 128 starts, in (E, a, b, p) order. */
    private static List<double[]> grid() {
        double[] scales = {1e2, 3e2, 1e3, 3e3};
        List<double[]> out = new ArrayList<>();
        for (double a : scales) {
            for (double b : scales) {
                for (double p : new double[] {-0.1, -0.3}) {
                    for (double e : new double[] {0, 1, 2, 10}) {
                        out.add(new double[] {e, a, b, p});
                    }
                }
            }
        }
        return out;
    }
}
