package io.scalecast.core.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.scalecast.core.law.ErrorLaw;
import io.scalecast.core.law.SigmoidAccuracyLaw;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Loss-to-downstream maps recovered from data with known parameters. */
class DownstreamFitTest {

    @Test
    void recoversASigmoidAccuracyMapAboveItsChanceFloor() {
        SigmoidAccuracyLaw truth = new SigmoidAccuracyLaw(0.25, 0.9, 4.0, 3.0);
        Random random = new Random(5);
        double[] loss = new double[30];
        double[] acc = new double[30];
        for (int i = 0; i < loss.length; i++) {
            loss[i] = 2.0 + 2.0 * i / (loss.length - 1);
            acc[i] = truth.accuracy(loss[i]) + 0.005 * random.nextGaussian();
        }

        SigmoidAccuracyLaw fit = new SigmoidAccuracyFitter().fit(loss, acc, 0.25);

        assertThat(fit.ceiling()).isCloseTo(0.9, within(0.02));
        assertThat(fit.steepness()).isCloseTo(4.0, within(0.4));
        assertThat(fit.midpoint()).isCloseTo(3.0, within(0.03));
        assertThat(fit.accuracy(10)).isCloseTo(0.25, within(1e-6));
    }

    @Test
    void recoversAnExponentialErrorLaw() {
        ErrorLaw truth = new ErrorLaw(0.85, 2.2, 0.7);
        Random random = new Random(8);
        double[] loss = {2.4, 2.6, 2.9, 3.2, 3.6, 4.1, 4.6, 5.0};
        double[] err = new double[loss.length];
        for (int i = 0; i < loss.length; i++) {
            err[i] = truth.error(loss[i]) + 0.001 * random.nextGaussian();
        }

        ErrorLaw fit = new ErrorLawFitter().fit(loss, err).law();

        assertThat(fit.error(2.2)).isCloseTo(truth.error(2.2), within(0.01));
        assertThat(fit.epsilon()).isCloseTo(0.85, within(0.05));
    }

    @Test
    void refusesBadDownstreamInput() {
        assertThatThrownBy(() -> new ErrorLawFitter().fit(new double[] {3, 2, 1}, new double[] {0.5, 1.5, 0.2}))
                .hasMessageContaining("error[1]");
        assertThatThrownBy(() -> new SigmoidAccuracyFitter().fit(new double[] {3, 2, 1}, new double[] {0.3, 0.4, 0.5},
                1.0)).hasMessageContaining("chance");
    }
}
