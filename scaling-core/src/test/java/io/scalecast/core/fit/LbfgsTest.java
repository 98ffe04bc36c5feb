package io.scalecast.core.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LbfgsTest {

    @Test
    void findsTheRosenbrockMinimum() {
        Objective rosenbrock = (x, g) -> {
            double a = 1 - x[0];
            double b = x[1] - x[0] * x[0];
            g[0] = -2 * a - 400 * x[0] * b;
            g[1] = 200 * b;
            return a * a + 100 * b * b;
        };

        LbfgsResult result = Lbfgs.defaults().minimize(rosenbrock, new double[] {-1.2, 1});

        assertThat(result.converged()).isTrue();
        assertThat(result.x()[0]).isCloseTo(1, within(1e-6));
        assertThat(result.x()[1]).isCloseTo(1, within(1e-6));
        assertThat(result.value()).isLessThan(1e-12);
    }

    @Test
    void minimisesAnIllConditionedQuadraticInFewIterations() {
        double[] scale = {1, 10, 100, 1000, 1e4};
        Objective quadratic = (x, g) -> {
            double f = 0;
            for (int i = 0; i < x.length; i++) {
                f += 0.5 * scale[i] * (x[i] - i) * (x[i] - i);
                g[i] = scale[i] * (x[i] - i);
            }
            return f;
        };

        LbfgsResult result = Lbfgs.defaults().minimize(quadratic, new double[5]);

        for (int i = 0; i < 5; i++) {
            assertThat(result.x()[i]).isCloseTo(i, within(1e-8));
        }
        assertThat(result.iterations()).isLessThan(100);
    }

    /**
     * Near the minimum of a correlated, ill-conditioned objective (a bootstrap refit's case), probing the curvature
     * first reaches the same minimum in fewer evaluations, the probe's own included (29 against 38 here; on a
     * Multi-Power Law bootstrap refit, about half).
     */
    @Test
    void aStartNearTheMinimumIsRefinedInFewerEvaluationsWithTheProbedCurvature() {
        double[] scale = {1, 10, 100, 1000, 1e4};
        Objective correlated = (x, g) -> {
            double f = 0;
            Arrays.fill(g, 0);
            for (int i = 0; i < x.length; i++) {
                double r = (x[i] - i) + (i > 0 ? 0.9 * (x[i - 1] - (i - 1)) : 0);
                f += 0.5 * scale[i] * r * r;
                g[i] += scale[i] * r;
                if (i > 0) {
                    g[i - 1] += 0.9 * scale[i] * r;
                }
            }
            return 1 + f;
        };
        double[] near = {0.01, 1.02, 1.97, 3.01, 4.005};

        LbfgsResult plain = Lbfgs.defaults().minimize(correlated, near);
        LbfgsResult probed = Lbfgs.defaults().minimizeNear(correlated, near);

        for (int i = 0; i < 5; i++) {
            assertThat(probed.x()[i]).isCloseTo(i, within(1e-5));
            assertThat(plain.x()[i]).isCloseTo(i, within(1e-5));
        }
        assertThat(probed.converged()).isTrue();
        assertThat(probed.evaluations()).as("probed %s, plain %s", probed.evaluations(), plain.evaluations())
                .isLessThan(plain.evaluations());
    }
}
