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
}
