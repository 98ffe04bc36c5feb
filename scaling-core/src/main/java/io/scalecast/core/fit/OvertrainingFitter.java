package io.scalecast.core.fit;

import io.scalecast.core.law.OvertrainingLaw;
import java.util.ArrayList;
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
 */
public final class OvertrainingFitter {

    private static final int MAX_EVALUATIONS = 10_000;

    /** Fits losses of models with N parameters trained at token multiplier M. */
    public OvertrainingFit fit(double[] params, double[] multiplier, double[] loss) {
        if (loss.length < 4 || params.length != loss.length || multiplier.length != loss.length) {
            throw new IllegalArgumentException("an over-training fit needs at least 4 models with N, M and loss");
        }
        ChinchillaObjective.logs(params, "params");
        ChinchillaObjective.logs(multiplier, "multiplier");
        ChinchillaObjective.logs(loss, "loss");
        MultivariateJacobianFunction model = model(params, multiplier);
        LeastSquaresOptimizer.Optimum best = null;
        double bestRmse = Double.POSITIVE_INFINITY;
        int converged = 0;
        List<double[]> starts = starts();
        for (double[] start : starts) {
            LeastSquaresProblem problem = new LeastSquaresBuilder().start(start).model(model).target(loss)
                    .maxEvaluations(MAX_EVALUATIONS).maxIterations(MAX_EVALUATIONS).build();
            LeastSquaresOptimizer.Optimum o;
            try {
                o = new LevenbergMarquardtOptimizer().optimize(problem);
            } catch (MathIllegalStateException e) {
                continue;
            }
            converged++;
            double rmse = Math.sqrt(o.getResiduals().dotProduct(o.getResiduals()) / (loss.length - 2));
            if (Double.isFinite(rmse) && rmse < bestRmse) {
                bestRmse = rmse;
                best = o;
            }
        }
        if (best == null) {
            throw new IllegalStateException("no start of the over-training fit converged");
        }
        return new OvertrainingFit(OvertrainingLaw.fromVector(best.getPoint().toArray()), bestRmse, starts.size(),
                converged, Covariance.of(OvertrainingLaw.NAMES, best, loss.length));
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
    private static List<double[]> starts() {
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
