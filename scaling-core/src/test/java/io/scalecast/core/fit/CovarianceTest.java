package io.scalecast.core.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.scalecast.core.law.ErrorLaw;
import io.scalecast.core.law.OvertrainingLaw;
import java.util.List;
import java.util.Random;
import org.hipparchus.distribution.continuous.TDistribution;
import org.junit.jupiter.api.Test;

/** Linearised (Student-t) intervals of the least-squares laws: coverage on data with known parameters. */
class CovarianceTest {

    private static final ErrorLaw TRUTH = new ErrorLaw(0.85, 2.2, 0.7);
    private static final double[] LOSS = {2.4, 2.6, 2.9, 3.2, 3.6, 4.1, 4.6, 5.0};

    @Test
    void errorLawIntervalsCoverTheTrueParametersAboutNinetyFivePercentOfTheTime() {
        int trials = 200;
        int[] covered = new int[3];
        for (int t = 0; t < trials; t++) {
            ErrorFit fit = new ErrorLawFitter().fit(LOSS, noisy(new Random(100 + t), 0.004));
            Covariance c = fit.covariance().orElseThrow();
            assertThat(c.dof()).isEqualTo(LOSS.length - 3);
            double[] estimate = fit.law().toVector();
            double[] truth = TRUTH.toVector();
            for (int i = 0; i < 3; i++) {
                if (c.parameter(i, estimate[i], 0.95).contains(truth[i])) {
                    covered[i]++;
                }
            }
        }
        for (int i = 0; i < 3; i++) {
            assertThat(covered[i]).as(ErrorLaw.NAMES.get(i)).isBetween(180, 200);
        }
    }

    /**
     * With 6 models as Gadre's maps, the delta method's interval of the error cut to [0, 1] (the CLI's) covers the
     * true error about 95% of the time inside the models' losses and below them; the percentile interval of the
     * covariance draws truncated to possible maps (the services') covers it less often below them.
     */
    @Test
    void errorIntervalsOfSixModelsCoverTheTrueError() {
        double[] six = {2.6, 2.9, 3.2, 3.6, 4.1, 4.6};
        double[] at = {3.0, 2.3};
        int[] delta = new int[2];
        int[] drawn = new int[2];
        for (int t = 0; t < 200; t++) {
            ErrorFit fit = new ErrorLawFitter().fit(six, noisy(new Random(300 + t), six, 0.004));
            Covariance c = fit.covariance().orElseThrow();
            List<double[]> draws = DownstreamUncertainty.covarianceDraws(c, fit.law(), 1000, t);
            for (int i = 0; i < at.length; i++) {
                double loss = at[i];
                double truth = TRUTH.error(loss);
                delta[i] += c.interval(fit.law().error(loss), fit.law().gradient(loss), 0.95).clampedTo(0, 1)
                        .contains(truth) ? 1 : 0;
                drawn[i] += !draws.isEmpty() && Interval.percentile(draws.stream()
                        .mapToDouble(v -> ErrorLaw.fromVector(v).error(loss)).toArray(), 0.95).contains(truth) ? 1 : 0;
            }
        }
        assertThat(delta[0]).as("delta method inside the models").isBetween(180, 200);
        assertThat(delta[1]).as("delta method below every model's loss").isBetween(180, 200);
        assertThat(drawn[0]).as("draws inside the models").isBetween(170, 200);
        assertThat(drawn[1]).as("draws below every model's loss").isBetween(120, 170);
    }

    @Test
    void deltaMethodIntervalOfALinearQuantityIsExact() {
        ErrorFit fit = new ErrorLawFitter().fit(LOSS, noisy(new Random(3), 0.004));
        Covariance c = fit.covariance().orElseThrow();
        double[] estimate = fit.law().toVector();

        Interval epsilon = c.parameter(0, estimate[0], 0.95);
        Interval viaGradient = c.interval(estimate[0], new double[] {1, 0, 0}, 0.95);
        Interval difference = c.interval(estimate[0] - estimate[1], new double[] {1, -1, 0}, 0.95);

        assertThat(viaGradient.lower()).isCloseTo(epsilon.lower(), within(1e-12));
        assertThat(viaGradient.upper()).isCloseTo(epsilon.upper(), within(1e-12));
        double sd = Math.sqrt(c.matrix()[0][0] + c.matrix()[1][1] - 2 * c.matrix()[0][1]);
        double t = new TDistribution(c.dof()).inverseCumulativeProbability(0.975);
        assertThat(difference.upper() - difference.lower()).isCloseTo(2 * t * sd, within(1e-12));
    }

    @Test
    void noIntervalWithoutResidualFreedom() {
        OvertrainingLaw truth = new OvertrainingLaw(1.8, 160, 360, -0.27);
        double[] n = {1.1e7, 7.9e7, 1.5e8, 4.1e8};
        double[] m = {20, 20, 20, 20};
        double[] loss = new double[n.length];
        for (int i = 0; i < n.length; i++) {
            loss[i] = truth.loss(n[i], m[i]) * (1 + 0.01 * (i % 2 == 0 ? 1 : -1));
        }

        assertThat(new OvertrainingFitter().fit(n, m, loss).covariance()).isEmpty();
    }

    private static double[] noisy(Random random, double sd) {
        return noisy(random, LOSS, sd);
    }

    private static double[] noisy(Random random, double[] loss, double sd) {
        double[] err = new double[loss.length];
        for (int i = 0; i < loss.length; i++) {
            err[i] = TRUTH.error(loss[i]) + sd * random.nextGaussian();
        }
        return err;
    }
}
