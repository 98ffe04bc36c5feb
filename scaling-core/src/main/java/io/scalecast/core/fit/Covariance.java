package io.scalecast.core.fit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.hipparchus.distribution.continuous.TDistribution;
import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.MatrixUtils;
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

    /**
     * Parameter vectors drawn from the multivariate Student t around {@code estimate} with this covariance and
     * {@link #dof()} degrees of freedom, the distribution behind {@link #parameter}: pushed through any prediction,
     * their percentiles give its interval without a delta-method gradient. Empty when the matrix is not positive
     * definite (a parameter the data leave free).
     */
    public List<double[]> sample(double[] estimate, int count, long seed) {
        RealMatrix root;
        try {
            root = new CholeskyDecomposition(MatrixUtils.createRealMatrix(matrix), 1e-10, 1e-300).getL();
        } catch (MathIllegalArgumentException e) {
            return List.of();
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<double[]> out = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            double[] z = new double[estimate.length];
            for (int i = 0; i < z.length; i++) {
                z[i] = random.nextGaussian();
            }
            double chi2 = 0;
            for (int i = 0; i < dof; i++) {
                double g = random.nextGaussian();
                chi2 += g * g;
            }
            double scale = Math.sqrt(dof / chi2);
            double[] shift = root.operate(z);
            double[] draw = estimate.clone();
            for (int i = 0; i < draw.length; i++) {
                draw[i] += scale * shift[i];
            }
            out.add(draw);
        }
        return out;
    }

    /**
     * The interval of parameter {@code i} on the scale of ln|θ| (delta method: standard error se/|θ|), back-
     * transformed: it keeps the estimate's sign, so a positive parameter's interval never reaches below zero, and is
     * asymmetric as the uncertainty of a scale is. The linear interval for an estimate of 0.
     */
    public Interval parameterKeepingSign(int i, double estimate, double level) {
        if (estimate == 0) {
            return parameter(i, estimate, level);
        }
        double half = tQuantile(level) * standardError(i) / Math.abs(estimate);
        double log = Math.log(Math.abs(estimate));
        double a = Math.signum(estimate) * Math.exp(log - half);
        double b = Math.signum(estimate) * Math.exp(log + half);
        return new Interval(Math.min(a, b), Math.max(a, b));
    }

    private double tQuantile(double level) {
        return new TDistribution(dof).inverseCumulativeProbability(0.5 + level / 2);
    }
}
