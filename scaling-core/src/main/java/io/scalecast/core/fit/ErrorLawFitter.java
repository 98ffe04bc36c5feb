package io.scalecast.core.fit;

import io.scalecast.core.law.ErrorLaw;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.MultivariateJacobianFunction;
import org.hipparchus.util.Pair;

/**
 * Fits {@link ErrorLaw} with Gadre et al.'s recipe (science.md section 4.2): Levenberg–Marquardt on plain squared
 * error from the single start (ε, k, γ) = (1, 1, 1), at most 10,000 evaluations.
 */
public final class ErrorLawFitter {

    private static final int MAX_EVALUATIONS = 10_000;

    /** Fits errors (e.g. the mean top-1 error of a task set) against the models' losses, from the recipe's start. */
    public ErrorFit fit(double[] loss, double[] error) {
        return fit(loss, error, new double[] {1, 1, 1});
    }

    /** Fits errors against losses from {@code start} = (ε, k, γ). */
    public ErrorFit fit(double[] loss, double[] error, double[] start) {
        if (loss.length < 3 || error.length != loss.length) {
            throw new IllegalArgumentException("a loss-to-error fit needs at least 3 models with loss and error");
        }
        ChinchillaObjective.logs(loss, "loss");
        for (int i = 0; i < error.length; i++) {
            if (!(error[i] >= 0 && error[i] <= 1)) {
                throw new IllegalArgumentException("error[" + i + "] must lie in [0, 1], was " + error[i]);
            }
        }
        MultivariateJacobianFunction model = point -> {
            ErrorLaw law = ErrorLaw.fromVector(point.toArray());
            RealVector value = new ArrayRealVector(loss.length);
            RealMatrix jacobian = new Array2DRowRealMatrix(loss.length, ErrorLaw.NAMES.size());
            for (int i = 0; i < loss.length; i++) {
                value.setEntry(i, law.error(loss[i]));
                jacobian.setRow(i, law.gradient(loss[i]));
            }
            return new Pair<>(value, jacobian);
        };
        try {
            LeastSquaresOptimizer.Optimum o = new LevenbergMarquardtOptimizer().optimize(new LeastSquaresBuilder()
                    .start(start).model(model).target(error)
                    .maxEvaluations(MAX_EVALUATIONS).maxIterations(MAX_EVALUATIONS).build());
            double rmse = Math.sqrt(o.getResiduals().dotProduct(o.getResiduals()) / loss.length);
            return new ErrorFit(ErrorLaw.fromVector(o.getPoint().toArray()), rmse,
                    Covariance.of(ErrorLaw.NAMES, o, loss.length));
        } catch (MathIllegalStateException e) {
            throw new IllegalStateException("the loss-to-error fit did not converge: " + e.getMessage(), e);
        }
    }
}
