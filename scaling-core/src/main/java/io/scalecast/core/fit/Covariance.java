package io.scalecast.core.fit;

import java.util.List;
import java.util.Optional;
import org.hipparchus.distribution.continuous.TDistribution;
import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer;

/**
 * The linearised covariance of a least-squares optimum, s²·(JᵀJ)⁻¹ with s² = SSR / (n − p), for laws fitted to a
 * handful of models (Gadre et al.'s five or six) where a run bootstrap has too few distinct resamples. Parameter
 * intervals are Student-t with n − p degrees of freedom, and anything computed from the parameters gets its interval
 * by the delta method with the same t quantile.
 *
 * @param names parameter names in matrix order
 * @param matrix the covariance matrix
 * @param dof residual degrees of freedom n − p (at least 1)
 */
public record Covariance(List<String> names, double[][] matrix, int dof) {

    public Covariance {
        names = List.copyOf(names);
        if (matrix.length != names.size() || dof < 1) {
            throw new IllegalArgumentException("a covariance needs one row per parameter and at least 1 dof");
        }
    }

    /**
     * The covariance at an optimum of {@code points} residuals, or empty when it is not defined: as many parameters
     * as points (no residual freedom) or a singular Jacobian (a parameter the data does not constrain).
     */
    static Optional<Covariance> of(List<String> names, LeastSquaresOptimizer.Optimum optimum, int points) {
        int dof = points - names.size();
        if (dof < 1) {
            return Optional.empty();
        }
        double s2 = optimum.getResiduals().dotProduct(optimum.getResiduals()) / dof;
        try {
            RealMatrix c = optimum.getCovariances(1e-14).scalarMultiply(s2);
            return Optional.of(new Covariance(names, c.getData(), dof));
        } catch (MathIllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The standard error of parameter {@code i}. */
    public double standardError(int i) {
        return Math.sqrt(matrix[i][i]);
    }

    /** The two-sided Student-t interval of parameter {@code i} around its estimate. */
    public Interval parameter(int i, double estimate, double level) {
        double half = tQuantile(level) * standardError(i);
        return new Interval(estimate - half, estimate + half);
    }

    /**
     * The delta-method interval of a quantity computed from the parameters: its value ± t·sqrt(gᵀΣg), with g its
     * gradient in the parameters at the estimate.
     */
    public Interval interval(double value, double[] gradient, double level) {
        double half = halfWidth(gradient, level);
        return new Interval(value - half, value + half);
    }

    /** The half-width t·sqrt(gᵀΣg) of {@link #interval}. */
    public double halfWidth(double[] gradient, double level) {
        double variance = 0;
        for (int i = 0; i < gradient.length; i++) {
            for (int j = 0; j < gradient.length; j++) {
                variance += gradient[i] * matrix[i][j] * gradient[j];
            }
        }
        return tQuantile(level) * Math.sqrt(Math.max(variance, 0));
    }

    private double tQuantile(double level) {
        return new TDistribution(dof).inverseCumulativeProbability(0.5 + level / 2);
    }
}
