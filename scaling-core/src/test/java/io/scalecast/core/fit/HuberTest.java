package io.scalecast.core.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The Huber fit's variance ratio against its textbook values and against simulated Huber estimates. */
class HuberTest {

    @Test
    void theRatioIsHubersTextbookEfficiencyAndRunsFromLeastSquaresToLeastAbsoluteDeviations() {
        // δ = 1.345σ is the threshold of 95% efficiency at the normal.
        assertThat(1 / Huber.varianceRatio(1, 1.345)).isCloseTo(0.95, within(1e-5));
        assertThat(Huber.varianceRatio(0.01, 1)).isCloseTo(1, within(1e-12));
        assertThat(Huber.varianceRatio(1, 1e-9)).isCloseTo(Math.PI / 2, within(1e-6));
        assertThat(Huber.varianceRatio(0, 1e-3)).isEqualTo(1);
    }

    /**
     * Huber estimates of a location from 400 Gaussian draws with δ a tenth of σ, as a Chinchilla fit's δ = 10⁻³ is
     * of 1% noise: their variance over 2,000 samples, times 400, is the ratio (within the Monte Carlo error of 6%).
     */
    @Test
    void simulatedHuberEstimatesVaryByTheRatio() {
        double delta = 0.1;
        int n = 400;
        int samples = 2000;
        Random random = new Random(11);
        double sum = 0;
        double squares = 0;
        for (int s = 0; s < samples; s++) {
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = random.nextGaussian();
            }
            double m = location(x, delta);
            sum += m;
            squares += m * m;
        }
        double variance = (squares - sum * sum / samples) / (samples - 1);
        assertThat(variance * n).isCloseTo(Huber.varianceRatio(1, delta), within(0.09));
    }

    /** The root of Σ ψ(x − μ) = 0, which falls as μ grows: bisection. */
    private static double location(double[] x, double delta) {
        double low = -1;
        double high = 1;
        for (int k = 0; k < 60; k++) {
            double mid = (low + high) / 2;
            double score = 0;
            for (double v : x) {
                score += Huber.derivative(v - mid, delta);
            }
            if (score > 0) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return (low + high) / 2;
    }
}
