package io.scalecast.core.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.scalecast.core.law.PowerLaw;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PowerFitterTest {

    @Test
    void recoversAKnownPowerLawInComputeFromNoisyPoints() {
        PowerLaw truth = new PowerLaw(1.7, 60, 0.12);
        Random random = new Random(3);
        double[] c = new double[40];
        double[] l = new double[40];
        for (int i = 0; i < c.length; i++) {
            c[i] = Math.pow(10, 17 + 5.0 * i / c.length);
            l[i] = truth.loss(c[i]) * (1 + 0.002 * random.nextGaussian());
        }

        PowerFit fit = PowerFitter.standard().fit(c, l);

        assertThat(fit.diagnostics().starts()).isEqualTo(150);
        assertThat(fit.law().alpha()).isCloseTo(0.12, within(0.02));
        assertThat(fit.law().loss(1e24)).isCloseTo(truth.loss(1e24), within(truth.loss(1e24) * 0.01));
        assertThat(fit.diagnostics().r2()).isGreaterThan(0.99);
    }

    @Test
    void refusesTooFewOrBadPoints() {
        assertThatThrownBy(() -> PowerFitter.standard().fit(new double[] {1, 2}, new double[] {3, 2}))
                .hasMessageContaining("at least 3 points");
        assertThatThrownBy(() -> PowerFitter.standard().fit(new double[] {1, -2, 3}, new double[] {3, 2, 1}))
                .hasMessageContaining("x[1]");
    }
}
