package io.scalecast.core.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.scalecast.core.data.CheckpointPoint;
import io.scalecast.core.data.FamilyData;
import io.scalecast.core.law.PowerLaw;
import java.util.ArrayList;
import java.util.List;
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
    void runBootstrapGivesIntervalsThatHoldTheTruth() {
        PowerLaw truth = new PowerLaw(1.7, 60, 0.12);
        Random random = new Random(11);
        List<CheckpointPoint> points = new ArrayList<>();
        for (int r = 0; r < 8; r++) {
            double offset = 0.004 * random.nextGaussian();
            for (int k = 1; k <= 5; k++) {
                double c = Math.pow(10, 17 + 0.6 * r + 0.1 * k);
                // Points of one run share an offset: the correlation the run bootstrap exists for.
                points.add(new CheckpointPoint("r" + r, c / 6e10, 1e10, truth.loss(c) * (1 + offset
                        + 0.001 * random.nextGaussian())));
            }
        }
        FamilyData data = FamilyData.of(points);
        double[] c = points.stream().mapToDouble(p -> 6 * p.params() * p.tokens()).toArray();
        PowerFit fit = PowerFitter.standard().fit(c, data.loss());

        List<PowerLaw> draws = new RunBootstrap(300, 1).run(PowerFitter.standard(), data, c, fit.law());

        assertThat(draws.size()).isGreaterThan(290);
        Interval alpha = Interval.percentile(draws.stream().mapToDouble(PowerLaw::alpha).toArray(), 0.95);
        Interval far = Interval.percentile(draws.stream().mapToDouble(l -> l.loss(1e24)).toArray(), 0.95);
        assertThat(alpha.contains(fit.law().alpha())).isTrue();
        assertThat(alpha.contains(0.12)).isTrue();
        assertThat(far.contains(truth.loss(1e24))).isTrue();
        assertThat(far.upper() - far.lower()).isPositive();
    }

    /** The rolling bootstrap is generic: over the power law, a full cycle of refreshes is the cold bootstrap. */
    @Test
    void aRollingBootstrapOfThePowerLawCycledOnceIsTheColdBootstrap() {
        List<CheckpointPoint> points = correlatedRuns(new PowerLaw(1.7, 60, 0.12), 8, 5, new Random(5));
        FamilyData data = FamilyData.of(points);
        double[] c = points.stream().mapToDouble(p -> 6 * p.params() * p.tokens()).toArray();
        PowerFitter fitter = PowerFitter.standard();
        PowerLaw point = fitter.fit(c, data.loss()).law();
        RollingBootstrap<PowerLaw> rolling = new RollingBootstrap<>(40, 2, data, LogForm.POWER);

        RollingBootstrap.Refresh<PowerLaw> first = rolling.refresh(RunBootstrap.power(fitter, data, c), data, point,
                15, 0);
        RollingBootstrap.Refresh<PowerLaw> rest = rolling.refresh(RunBootstrap.power(fitter, data, c), data, point,
                25, 0);
        List<PowerLaw> cold = new RunBootstrap(40, 2).run(fitter, data, c, point);

        assertThat(first.refreshed()).isEqualTo(15);
        assertThat(first.draws().requested()).isEqualTo(15);
        assertThat(rest.draws().laws()).hasSameSizeAs(cold);
        Interval a = Interval.percentile(cold.stream().mapToDouble(PowerLaw::alpha).toArray(), 0.95);
        Interval b = rest.draws().interval(PowerLaw::alpha);
        assertThat(b.lower()).isCloseTo(a.lower(), within(1e-9));
        assertThat(b.upper()).isCloseTo(a.upper(), within(1e-9));
        assertThat(rolling.serves(data, 40)).isTrue();
        List<CheckpointPoint> grown = new ArrayList<>(points);
        for (int k = 0; k < 10; k++) {
            grown.add(new CheckpointPoint("r0", points.get(0).params(), 2e10 + k, 3.0));
        }
        assertThat(rolling.serves(FamilyData.of(grown), 40)).as("a run of 5 points grown by 10").isFalse();
    }

    private static List<CheckpointPoint> correlatedRuns(PowerLaw truth, int runs, int perRun, Random random) {
        List<CheckpointPoint> points = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            double offset = 0.004 * random.nextGaussian();
            for (int k = 1; k <= perRun; k++) {
                double c = Math.pow(10, 17 + 0.6 * r + 0.1 * k);
                points.add(new CheckpointPoint("r" + r, c / 6e10, 1e10, truth.loss(c) * (1 + offset
                        + 0.001 * random.nextGaussian())));
            }
        }
        return points;
    }

    @Test
    void refusesTooFewOrBadPoints() {
        assertThatThrownBy(() -> PowerFitter.standard().fit(new double[] {1, 2}, new double[] {3, 2}))
                .hasMessageContaining("at least 3 points");
        assertThatThrownBy(() -> PowerFitter.standard().fit(new double[] {1, -2, 3}, new double[] {3, 2, 1}))
                .hasMessageContaining("x[1]");
    }
}
