package io.scalecast.core.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.scalecast.core.law.ChinchillaLaw;
import io.scalecast.core.law.PowerLaw;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The quick searches fit-service runs for a new family while others wait for their first laws: L-BFGS from the 32
 * best of the Chinchilla grid's starts (the full search: 450) and from the 16 best of the power law's 150. They must
 * reach the full search's optimum wherever the data determine the law.
 */
class QuickSearchTest {

    /** As fit-service searches: the grid on a 250-point subsample, the 450 best starts. */
    private static final ChinchillaFitter FULL = ChinchillaFitter.epoch().searchingOn(250).screening(450);
    private static final ChinchillaFitter QUICK = FULL.screening(32);
    private static final ChinchillaLaw EPOCH = new ChinchillaLaw(1.81724, 477.84, 2143.86, 0.347313, 0.367183);
    private static final double[] SIZES = {2e7, 5e7, 1.2e8, 3e8, 7e8, 1.5e9};

    @Test
    void theQuickChinchillaSearchReachesTheFullSearchsOptimumOnEpochsPoints() {
        ChinchillaData epoch = ChinchillaData.epoch240();

        ChinchillaFit full = FULL.fit(epoch.params, epoch.tokens, epoch.loss);
        ChinchillaFit quick = QUICK.fit(epoch.params, epoch.tokens, epoch.loss);

        assertThat(quick.diagnostics().starts()).isEqualTo(32);
        assertThat(quick.objective()).isCloseTo(full.objective(), within(full.objective() * 1e-9));
        assertThat(quick.law().alpha()).isCloseTo(full.law().alpha(), within(1e-5));
        assertThat(quick.law().beta()).isCloseTo(full.law().beta(), within(1e-5));
    }

    /**
     * Streaming families of six runs (those of bench/freshness.sh) from their second checkpoint on, five seeds each:
     * with one checkpoint per run (six points, five parameters) the law is not determined and any search may differ.
     */
    @Test
    void theQuickChinchillaSearchReachesTheFullSearchsOptimumOnStreamingFamilies() {
        for (int steps : new int[] {2, 5, 20, 100}) {
            for (int seed = 0; seed < 5; seed++) {
                double[][] f = streaming(steps, seed);

                ChinchillaFit full = FULL.fit(f[0], f[1], f[2]);
                ChinchillaFit quick = QUICK.fit(f[0], f[1], f[2]);

                assertThat(quick.objective()).as("%d steps, seed %d", steps, seed)
                        .isCloseTo(full.objective(), within(full.objective() * 1e-6));
                assertThat(quick.law().loss(1e10, 2e11)).as("%d steps, seed %d", steps, seed)
                        .isCloseTo(full.law().loss(1e10, 2e11), within(1e-3));
            }
        }
    }

    @Test
    void theQuickPowerSearchReachesTheFullSearchsOptimum() {
        PowerLaw truth = new PowerLaw(1.7, 60, 0.12);
        for (int seed = 0; seed < 10; seed++) {
            Random random = new Random(seed);
            int points = 5 + 5 * seed;
            double[] c = new double[points];
            double[] l = new double[points];
            for (int i = 0; i < points; i++) {
                c[i] = Math.pow(10, 17 + 5.0 * i / points);
                l[i] = truth.loss(c[i]) * (1 + 0.003 * random.nextGaussian());
            }

            PowerFit full = PowerFitter.standard().fit(c, l);
            PowerFit quick = PowerFitter.standard().screening(16).fit(c, l);

            assertThat(quick.diagnostics().starts()).isEqualTo(16);
            assertThat(quick.objective()).as("seed %d", seed).isCloseTo(full.objective(), within(full.objective() * 1e-6));
            assertThat(quick.law().alpha()).as("seed %d", seed).isCloseTo(full.law().alpha(), within(1e-4));
        }
    }

    /** Six runs at steps 1..steps of 200, tokens 30 N at the end, Epoch's law with 0.5% noise. */
    private static double[][] streaming(int steps, long seed) {
        Random random = new Random(seed);
        int n = steps * SIZES.length;
        double[][] out = new double[3][n];
        int k = 0;
        for (int step = 1; step <= steps; step++) {
            for (double p : SIZES) {
                double tokens = 30 * p * step / 200;
                out[0][k] = p;
                out[1][k] = tokens;
                out[2][k] = EPOCH.loss(p, tokens) * (1 + 0.005 * random.nextGaussian());
                k++;
            }
        }
        return out;
    }
}
