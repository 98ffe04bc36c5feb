package io.scalecast.core.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.scalecast.core.law.MultiPowerLaw;
import io.scalecast.core.law.TissueLaw;
import io.scalecast.core.schedule.LearningRates;
import io.scalecast.core.schedule.LossCurve;
import io.scalecast.core.schedule.MultiPowerData;
import io.scalecast.core.schedule.Schedule;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ScheduleFitTest {

    /** science.md section 6.3, point 4: curves generated from known parameters give them back to 1e-6. */
    @Test
    void theAnnealingLawIsRecoveredFromExactCurves() {
        TissueLaw truth = new TissueLaw(2.5, 0.6, 0.45, 0.4, 0.999, true);
        List<LossCurve> curves = List.of(exact(truth, "cosine,peak=2e-4,final=0,steps=20000,warmup=500"),
                exact(truth, "constant,peak=2e-4,steps=20000,warmup=500"));

        ScheduleFit<TissueLaw> fit = TissueFitter.standard().fit(curves);

        double[] got = fit.law().toVector();
        double[] want = truth.toVector();
        for (int k = 0; k < want.length; k++) {
            assertThat(got[k] / want[k] - 1).as(TissueLaw.NAMES[k]).isCloseTo(0, within(1e-6));
        }
        assertThat(fit.diagnostics().r2()).isGreaterThan(0.999999);
    }

    @Test
    void theMultiPowerLawIsRecoveredFromExactCurves() {
        MultiPowerLaw truth = MultiPowerLaw.fromVector(new double[] {3.04, 0.52, 0.51, 364, 2.07, 0.58, 0.64});
        List<LossCurve> curves = MultiPowerData.TRAIN.stream().map(name -> {
            LossCurve data = MultiPowerData.curve(25, name);
            return new LossCurve(name, data.rates(), data.steps(), truth.losses(data.rates(), data.steps()));
        }).toList();

        ScheduleFit<MultiPowerLaw> fit = MultiPowerFitter.standard().fit(curves);

        double[] got = fit.law().toVector();
        double[] want = truth.toVector();
        for (int k = 0; k < want.length; k++) {
            assertThat(got[k] / want[k] - 1).as(MultiPowerLaw.NAMES[k]).isCloseTo(0, within(1e-3));
        }
    }

    private static LossCurve exact(TissueLaw law, String schedule) {
        LearningRates rates = Schedule.parse(schedule).rates();
        int[] steps = IntStream.rangeClosed(1, 20).map(i -> 1000 * i).toArray();
        return new LossCurve(schedule, rates, steps, law.losses(rates, steps));
    }
}
