package io.scalecast.core.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ChinchillaObjectiveTest {

    private static final ChinchillaData DATA = ChinchillaData.epoch240();
    private static final ChinchillaObjective OBJECTIVE = new ChinchillaObjective(DATA.params, DATA.tokens, DATA.loss,
            null, 1e-3);

    @Test
    void theFastSumsEqualTheShiftedLogSumExpWhereverBothAreFinite() {
        Random random = new Random(7);
        for (int k = 0; k < 500; k++) {
            // Epoch's initialisation grid, widened: a, b in [0, 30], e in [-1, 1.5], exponents in [0, 3].
            double[] x = {30 * random.nextDouble(), 30 * random.nextDouble(), -1 + 2.5 * random.nextDouble(),
                3 * random.nextDouble(), 3 * random.nextDouble()};
            double[] fast = new double[5];
            double[] shifted = new double[5];
            double value = OBJECTIVE.valueAndGradient(x, fast);
            double reference = OBJECTIVE.shifted(x, shifted);
            assertThat(value).isCloseTo(reference, within(1e-10 * Math.max(1, Math.abs(reference))));
            for (int i = 0; i < 5; i++) {
                assertThat(fast[i]).isCloseTo(shifted[i], within(1e-9 * Math.max(1, Math.abs(shifted[i]))));
            }
        }
    }

    @Test
    void aTermThatOverflowsFallsBackToTheShiftedSums() {
        // A = e^800 overflows a double; the shifted log-sum-exp still gives the finite residuals.
        double[] x = {800, 6, 0.5, 0.3, 0.3};
        double[] g = new double[5];
        double value = OBJECTIVE.valueAndGradient(x, g);

        double[] expected = new double[5];
        assertThat(value).isFinite().isEqualTo(OBJECTIVE.shifted(x, expected));
        assertThat(g).containsExactly(expected);
    }

    @Test
    void runCurvatureSumsToTheGradientAndItsExactDerivative() {
        // Epoch's 240 points as 24 runs of 10; δ = 10 keeps every residual on Huber's quadratic side, δ = 1e-9 on
        // its linear side, where the Hessian is the second derivative of ln L̂ alone.
        int[] run = java.util.stream.IntStream.range(0, DATA.loss.length).map(i -> i / 10).toArray();
        double[] x = {6.0, 7.5, 0.5, 0.34, 0.28};
        for (double delta : new double[] {10, 1e-9}) {
            ChinchillaObjective objective = new ChinchillaObjective(DATA.params, DATA.tokens, DATA.loss, null, delta);
            double[][] perRun = objective.runCurvature(x, run, 24);
            double[] sum = new double[ChinchillaObjective.CURVATURE];
            for (double[] r : perRun) {
                for (int k = 0; k < sum.length; k++) {
                    sum[k] += r[k];
                }
            }
            double[] g = new double[5];
            objective.valueAndGradient(x, g);
            for (int i = 0; i < 5; i++) {
                assertThat(sum[i]).isCloseTo(g[i], within(1e-9 * Math.max(1, Math.abs(g[i]))));
                double h = 1e-6;
                double[] up = x.clone();
                double[] down = x.clone();
                up[i] += h;
                down[i] -= h;
                double[] gUp = new double[5];
                double[] gDown = new double[5];
                objective.valueAndGradient(up, gUp);
                objective.valueAndGradient(down, gDown);
                for (int j = 0; j < 5; j++) {
                    double numeric = (gUp[j] - gDown[j]) / (2 * h);
                    assertThat(sum[5 + 5 * i + j]).as("H[%d][%d] at δ = %s", i, j, delta)
                            .isCloseTo(numeric, within(1e-5 * Math.max(1e-3, Math.abs(numeric))));
                }
            }
        }
    }

    @Test
    void theGradientMatchesFiniteDifferences() {
        double[] x = {6.0, 7.5, 0.5, 0.34, 0.28};
        double[] g = new double[5];
        OBJECTIVE.valueAndGradient(x, g);
        for (int i = 0; i < 5; i++) {
            double h = 1e-6;
            double[] up = x.clone();
            double[] down = x.clone();
            up[i] += h;
            down[i] -= h;
            double numeric = (OBJECTIVE.valueAndGradient(up, new double[5])
                    - OBJECTIVE.valueAndGradient(down, new double[5])) / (2 * h);
            assertThat(g[i]).isCloseTo(numeric, within(1e-5 * Math.max(1, Math.abs(numeric))));
        }
    }

    @Test
    void aLongFamilysPassSplitAcrossTheCoresEqualsTheSequentialSums() {
        // 100,000 points: the pass runs in chunks on the common pool; the shifted sums run point by point.
        Random random = new Random(3);
        int n = 100_000;
        double[] params = new double[n];
        double[] tokens = new double[n];
        double[] loss = new double[n];
        double[] weight = new double[n];
        for (int i = 0; i < n; i++) {
            params[i] = 1e7 * Math.pow(2, random.nextInt(10));
            tokens[i] = 1e8 * (1 + random.nextInt(5_000));
            loss[i] = 2 + random.nextDouble();
            weight[i] = random.nextInt(3);
        }
        ChinchillaObjective objective = new ChinchillaObjective(params, tokens, loss, weight, 1e-3);
        double[] x = {6.0, 7.5, 0.5, 0.34, 0.28};
        double[] chunked = new double[5];
        double[] sequential = new double[5];

        double value = objective.valueAndGradient(x, chunked);

        assertThat(value).isCloseTo(objective.shifted(x, sequential), within(1e-9 * Math.abs(value)));
        for (int i = 0; i < 5; i++) {
            assertThat(chunked[i]).isCloseTo(sequential[i], within(1e-9 * Math.abs(sequential[i])));
        }
    }

    @Test
    void aReweightedObjectiveIsTheObjectiveBuiltWithThoseWeights() {
        double[] weight = new double[DATA.loss.length];
        for (int i = 0; i < weight.length; i++) {
            weight[i] = i % 3;
        }
        ChinchillaObjective built = new ChinchillaObjective(DATA.params, DATA.tokens, DATA.loss, weight, 1e-3);
        double[] x = {6.0, 7.5, 0.5, 0.34, 0.28};
        double[] g1 = new double[5];
        double[] g2 = new double[5];

        assertThat(OBJECTIVE.reweighted(weight).valueAndGradient(x, g1)).isEqualTo(built.valueAndGradient(x, g2));
        assertThat(g1).containsExactly(g2);
    }
}
