package io.scalecast.core.fit;

import io.scalecast.core.law.SigmoidAccuracyLaw;
import java.util.Arrays;
import java.util.Optional;
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
 * Fits {@link SigmoidAccuracyLaw} (u, k, L_mid; chance known) by Levenberg–Marquardt on squared error from a few
 * starts around the data (midpoint at the median loss, ceiling at 1 and at the best accuracy), keeping the lowest
 * residual among fits that respect chance ≤ u ≤ 1 and k &gt; 0.
 */
public final class SigmoidAccuracyFitter {

    private static final int MAX_EVALUATIONS = 10_000;

    /** Fits accuracies in [0, 1] against losses, with the benchmark's chance level. */
    public SigmoidAccuracyLaw fit(double[] loss, double[] accuracy, double chance) {
        check(loss, accuracy, chance);
        double[] sorted = loss.clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        double best = Arrays.stream(accuracy).max().orElseThrow();
        Optional<Fit> winner = Optional.empty();
        for (double u : new double[] {1.0, Math.max(best, chance + 1e-3)}) {
            for (double k : new double[] {1, 5, 20}) {
                Optional<Fit> f = from(loss, accuracy, chance, new double[] {u, k, median});
                if (f.isPresent() && (winner.isEmpty() || f.get().cost() < winner.get().cost())) {
                    winner = f;
                }
            }
        }
        return winner.map(Fit::law).orElseThrow(() -> new IllegalStateException(
                "no start of the sigmoid fit reached chance <= ceiling <= 1 with k > 0"));
    }

    /**
     * Fits from {@code start} alone: a fit of similar data, as a bootstrap resample's from the map's law, whose
     * optimum lies near it.
     *
     * @throws IllegalStateException when that start reaches no law with chance ≤ u ≤ 1 and k &gt; 0
     */
    public SigmoidAccuracyLaw fitFrom(double[] loss, double[] accuracy, SigmoidAccuracyLaw start) {
        check(loss, accuracy, start.chance());
        return from(loss, accuracy, start.chance(), new double[] {start.ceiling(), start.steepness(), start.midpoint()})
                .map(Fit::law).orElseThrow(() -> new IllegalStateException("the sigmoid fit from " + start
                        + " reached no law with chance <= ceiling <= 1 and k > 0"));
    }

    private static void check(double[] loss, double[] accuracy, double chance) {
        if (loss.length < 3 || accuracy.length != loss.length) {
            throw new IllegalArgumentException("a sigmoid accuracy fit needs at least 3 models with loss and accuracy");
        }
        if (!(chance >= 0 && chance < 1)) {
            throw new IllegalArgumentException("chance must lie in [0, 1), was " + chance);
        }
        ChinchillaObjective.logs(loss, "loss");
    }

    private record Fit(SigmoidAccuracyLaw law, double cost) {
    }

    /** The fit from one start (u, k, L_mid), if it converges to a law with chance ≤ u ≤ 1 and k &gt; 0. */
    private static Optional<Fit> from(double[] loss, double[] accuracy, double chance, double[] start) {
        try {
            LeastSquaresOptimizer.Optimum o = new LevenbergMarquardtOptimizer().optimize(new LeastSquaresBuilder()
                    .start(start).model(model(loss, chance)).target(accuracy).maxEvaluations(MAX_EVALUATIONS)
                    .maxIterations(MAX_EVALUATIONS).build());
            RealVector x = o.getPoint();
            boolean valid = x.getEntry(0) >= chance && x.getEntry(0) <= 1 + 1e-9 && x.getEntry(1) > 0;
            return valid ? Optional.of(new Fit(new SigmoidAccuracyLaw(chance, x.getEntry(0), x.getEntry(1),
                    x.getEntry(2)), o.getCost())) : Optional.empty();
        } catch (MathIllegalStateException e) {
            return Optional.empty();
        }
    }

    private static MultivariateJacobianFunction model(double[] loss, double chance) {
        return point -> {
            double u = point.getEntry(0);
            double k = point.getEntry(1);
            double mid = point.getEntry(2);
            RealVector value = new ArrayRealVector(loss.length);
            RealMatrix jacobian = new Array2DRowRealMatrix(loss.length, 3);
            for (int i = 0; i < loss.length; i++) {
                double s = 1 / (1 + Math.exp(k * (loss[i] - mid)));
                double ds = -s * (1 - s);
                value.setEntry(i, chance + (u - chance) * s);
                jacobian.setEntry(i, 0, s);
                jacobian.setEntry(i, 1, (u - chance) * ds * (loss[i] - mid));
                jacobian.setEntry(i, 2, -(u - chance) * ds * k);
            }
            return new Pair<>(value, jacobian);
        };
    }
}
