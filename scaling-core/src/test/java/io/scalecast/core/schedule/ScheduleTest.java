package io.scalecast.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ScheduleTest {

    /** science.md section 2.3's S1/S2 table: peak 2e-4, min 0, 20,000 steps, warm-up 500 counted at the peak. */
    @Test
    void annealingAreasMatchTheScienceTable() {
        AnnealingAreas cosine = AnnealingAreas.of(Schedule.parse("cosine,peak=2e-4,final=0,steps=20000,warmup=500")
                .rates().warmupAtPeak(), AnnealingAreas.DEFAULT_LAMBDA);
        assertThat(cosine.forward(1000)).isCloseTo(0.200146, within(5e-7));
        assertThat(cosine.forward(10000)).isCloseTo(1.670353, within(5e-7));
        assertThat(cosine.forward(20000)).isCloseTo(2.050100, within(5e-7));
        assertThat(cosine.annealing(10000)).isCloseTo(0.080400, within(5e-7));
        assertThat(cosine.annealing(20000)).isCloseTo(0.197474, within(5e-7));

        AnnealingAreas constant = AnnealingAreas.of(Schedule.parse("constant,peak=2e-4,steps=20000,warmup=500")
                .rates().warmupAtPeak(), AnnealingAreas.DEFAULT_LAMBDA);
        assertThat(constant.forward(1000)).isCloseTo(0.200200, within(5e-7));
        assertThat(constant.forward(10000)).isCloseTo(2.000200, within(5e-7));
        assertThat(constant.forward(20000)).isCloseTo(4.000200, within(5e-7));
        assertThat(constant.annealing(20000)).isZero();
    }

    /** The rates the Multi-Power Law repository's loader builds (src/lr_schedules.py), step by step. */
    @Test
    void shapesAreBuiltAsTheMultiPowerRepositoryBuildsThem() {
        LearningRates wsd = MultiPowerData.schedule("wsd_20000_24000").rates();
        assertThat(wsd.at(0)).isZero();
        assertThat(wsd.at(1)).isCloseTo(3e-4 / 2159, within(1e-18));
        assertThat(wsd.at(2159)).isCloseTo(3e-4, within(1e-18));
        assertThat(wsd.at(19999)).isEqualTo(3e-4);
        assertThat(wsd.at(22000)).isCloseTo(Math.sqrt(3e-4 * 3e-5), within(1e-15));
        LearningRates linear = MultiPowerData.schedule("wsdld_20000_24000").rates();
        assertThat(linear.at(22000)).isCloseTo(0.5 * (3e-4 + 3e-5), within(1e-15));
        LearningRates cosine = MultiPowerData.schedule("cosine_24000").rates();
        assertThat(cosine.at(2160 + (24000 - 2160) / 2)).isCloseTo(0.5 * (3e-4 + 3e-5), within(1e-15));
        assertThat(cosine.at(24000)).isCloseTo(3e-5, within(1e-18));
        LearningRates twoStage = MultiPowerData.schedule("wsdcon_9").rates();
        assertThat(twoStage.at(7999)).isEqualTo(3e-4);
        assertThat(twoStage.at(8000)).isEqualTo(9e-5);
        assertThat(twoStage.lastStep()).isEqualTo(16000);
        LearningRates custom = Schedule.parse("custom,points=0:0/100:1e-3/300:1e-4").rates();
        assertThat(custom.at(50)).isCloseTo(5e-4, within(1e-18));
        assertThat(custom.at(200)).isCloseTo(5.5e-4, within(1e-18));
        assertThat(custom.lastStep()).isEqualTo(300);
    }

    /** The logged rates of every file agree with its descriptor, so the descriptors are the runs' schedules. */
    @Test
    void descriptorsAgreeWithTheLoggedRates() {
        for (String name : MultiPowerData.TRAIN) {
            double[][] logged = MultiPowerData.logged(100, name);
            LearningRates rates = MultiPowerData.schedule(name).rates();
            for (int i = 0; i < logged[0].length; i++) {
                int step = (int) logged[0][i];
                assertThat(rates.at(Math.min(step, rates.lastStep()))).as(name + " step " + step)
                        .isCloseTo(logged[1][i], within(2e-6));
            }
        }
    }

    /** science.md: with the rate logged every 128 steps, interpolation gives S1 and S2 of a cosine within 3e-4. */
    @Test
    void interpolatedRatesReproduceTheAreasOfTheDescriptor() {
        LearningRates exact = MultiPowerData.schedule("cosine_24000").rates();
        long[] steps = LongStream.concat(LongStream.iterate(2160, s -> s < 24000,
                s -> s + 128), LongStream.of(24000)).toArray();
        double[] lrs = Arrays.stream(steps).mapToDouble(s -> exact.at((int) s)).toArray();
        AnnealingAreas truth = AnnealingAreas.of(exact, 0.999);
        AnnealingAreas interpolated = AnnealingAreas.of(LearningRates.interpolate(steps, lrs), 0.999);
        for (int s : new int[] {5000, 12000, 20000, 24000}) {
            assertThat(interpolated.forward(s) / truth.forward(s) - 1).isCloseTo(0, within(3e-4));
            assertThat(interpolated.annealing(s) / truth.annealing(s) - 1).isCloseTo(0, within(3e-4));
        }
    }

    @Test
    void descriptorsRoundTripAndTakeOverFromAStep() {
        String text = "wsd,peak=3.0E-4,final=3.0E-5,steps=24000,warmup=2160,decay-start=20000,decay=exponential";
        assertThat(Schedule.parse(text).toString()).isEqualTo(text);
        assertThat(Schedule.parse("step,peak=1e-3,steps=100,drops=50:1e-4/80:1e-5").toString())
                .isEqualTo("step,peak=0.001,steps=100,drops=50:1.0E-4/80:1.0E-5");
        LearningRates constant = Schedule.parse("constant,peak=1e-3,steps=100").rates();
        LearningRates decayNow = constant.continuedBy(60, Schedule.parse("linear,peak=1e-3,final=0,steps=120")
                .rates());
        assertThat(decayNow.at(59)).isEqualTo(1e-3);
        assertThat(decayNow.at(60)).isCloseTo(1e-3 * 0.5, within(1e-15));
        assertThat(decayNow.lastStep()).isEqualTo(120);
        assertThat(Schedule.parse("cosine,peak=1e-3,final=0,steps=100").withTotalSteps(120).totalSteps())
                .isEqualTo(120);
    }

    @Test
    void aBadDescriptorNamesTheField() {
        assertThatThrownBy(() -> Schedule.parse("triangle,peak=1")).hasMessageContaining("shape must be one of");
        assertThatThrownBy(() -> Schedule.parse("cosine,peak=1e-3,steps=100")).hasMessage("schedule final: missing");
        assertThatThrownBy(() -> Schedule.parse("cosine,peak=-1,final=0,steps=100"))
                .hasMessageContaining("schedule peak: must be > 0");
        assertThatThrownBy(() -> Schedule.parse("cosine,peak=1e-3,final=2e-3,steps=100"))
                .hasMessageContaining("schedule final: must be in [0, peak");
        assertThatThrownBy(() -> Schedule.parse("constant,peak=1e-3,steps=10.5"))
                .hasMessageContaining("schedule steps: must be a whole number");
        assertThatThrownBy(() -> Schedule.parse("constant,peak=1e-3,steps=100,final=0"))
                .hasMessageContaining("'final=0' is not a field of a constant schedule");
        assertThatThrownBy(() -> Schedule.parse("wsd,peak=1e-3,final=0,steps=100,decay-start=200"))
                .hasMessageContaining("schedule decay-start: must be in [warmup = 0, steps = 100]");
        assertThatThrownBy(() -> Schedule.parse("wsd,peak=1e-3,final=0,steps=100,decay-start=50,decay=exponential"))
                .hasMessageContaining("schedule final: must be > 0 for an exponential decay");
        assertThatThrownBy(() -> Schedule.parse("step,peak=1e-3,steps=100,drops=80:1e-4/50:1e-5"))
                .hasMessageContaining("schedule drops: steps must increase, 50 follows 80");
        assertThatThrownBy(() -> Schedule.parse("step,peak=1e-3,steps=100,drops=80-1e-4"))
                .hasMessageContaining("schedule drops: '80-1e-4' is not STEP:LR");
        assertThatThrownBy(() -> Schedule.parse("constant,peak=abc,steps=100"))
                .hasMessage("schedule peak: not a number: 'abc'");
        assertThatThrownBy(() -> LearningRates.interpolate(new long[] {10, 5}, new double[] {1, 1}))
                .hasMessageContaining("logged steps must increase");
    }
}
