package io.scalecast.core.fit;

import io.scalecast.core.data.FamilyData;
import io.scalecast.core.law.ChinchillaLaw;
import java.util.Optional;
import java.util.SplittableRandom;
import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.MatrixUtils;

/**
 * The one-step run bootstrap of a long family's Chinchilla law: each run's share of the objective's gradient and
 * Hessian at the point estimate is summed once, and a resample's law is one Newton step from the point estimate on
 * those sums weighted by how often the resample drew each run.
 *
 * <p>A refitted resample costs a descent over every point, a one-step resample a sum over the runs, so a thousand
 * resamples of a million points take about one pass over them instead of a thousand descents. The step is the
 * refit's first Newton step from the point estimate; with tens of thousands of points a resample's optimum lies
 * close enough to the point estimate that one step reaches it (the k-step bootstrap of Andrews 2002, k = 1), which
 * {@code LinearisedBootstrapTest} checks resample by resample against refits. Priors and pins enter as they do in
 * the fit.
 */
final class LinearisedBootstrap implements RunBootstrap.Resample<ChinchillaLaw> {

    private final double[][] perRun;
    private final ChinchillaPins pins;
    private final double[] centre;
    private final double[] centreFree;

    /**
     * @param objective the fit's objective (its base weights included) over {@code data}'s points
     * @param point the point estimate the steps start from
     */
    LinearisedBootstrap(ChinchillaObjective objective, FamilyData data, ChinchillaPins pins, ChinchillaLaw point) {
        this.pins = pins;
        this.centreFree = pins.project(point.toLogVector());
        this.centre = pins.expand(centreFree);
        this.perRun = objective.runCurvature(centre, data.runIndex(), data.runs());
    }

    /** One Newton step from the point estimate; {@code start} is not used. Empty when the step is not defined. */
    @Override
    public Optional<ChinchillaLaw> fit(SplittableRandom random, ChinchillaLaw start) {
        return step(RunBootstrap.counts(perRun.length, random));
    }

    /** The step of the resample that draws run r {@code count[r]} times. */
    Optional<ChinchillaLaw> step(double[] count) {
        double[] sum = new double[ChinchillaObjective.CURVATURE];
        for (int r = 0; r < perRun.length; r++) {
            if (count[r] > 0) {
                for (int k = 0; k < sum.length; k++) {
                    sum[k] += count[r] * perRun[r][k];
                }
            }
        }
        double[] gradient = new double[5];
        double[][] hessian = new double[5][5];
        for (int j = 0; j < 5; j++) {
            gradient[j] = sum[j];
            System.arraycopy(sum, 5 + 5 * j, hessian[j], 0, 5);
        }
        return newton(pins.freeGradient(centre, gradient), pins.freeHessian(hessian));
    }

    /**
     * The law one Newton step away; empty when the resample's Hessian is not positive definite (its runs leave a
     * direction free) or the step leaves the usable laws.
     */
    private Optional<ChinchillaLaw> newton(double[] gradient, double[][] hessian) {
        double[] delta;
        try {
            delta = new CholeskyDecomposition(MatrixUtils.createRealMatrix(hessian), 1e-12, 1e-300).getSolver()
                    .solve(MatrixUtils.createRealVector(gradient)).toArray();
        } catch (MathIllegalArgumentException e) {
            return Optional.empty();
        }
        double[] z = centreFree.clone();
        for (int j = 0; j < z.length; j++) {
            z[j] -= delta[j];
        }
        double[] x = pins.expand(z);
        return ChinchillaFitter.physical(x) ? Optional.of(ChinchillaLaw.fromLogVector(x)) : Optional.empty();
    }
}
