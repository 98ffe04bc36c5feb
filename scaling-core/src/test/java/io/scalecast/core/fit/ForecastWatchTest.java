package io.scalecast.core.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.scalecast.core.law.TissueLaw;
import io.scalecast.core.schedule.LossCurve;
import io.scalecast.core.schedule.MultiPowerData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Alerts against a run's forecast: none on any of the 18 public MPL curves, each forecast from 35% and 70% of its
 * steps (fitted with its size's constant and cosine runs) and judged on the next 35%; a loss spike and a stalled run
 * are caught.
 */
class ForecastWatchTest {

    private static final List<String> BASE = List.of("constant_24000", "cosine_24000");

    @Test
    void theEighteenPublicCurvesRaiseNoAlert() {
        List<String> raised = new ArrayList<>();
        int judged = 0;
        for (int size : new int[] {25, 100}) {
            for (String name : Stream.concat(MultiPowerData.TRAIN.stream(), MultiPowerData.TEST.stream()).toList()) {
                LossCurve curve = MultiPowerData.curve(size, name);
                int last = curve.steps()[curve.size() - 1];
                for (double cut : new double[] {0.35, 0.7}) {
                    int from = (int) (cut * last);
                    int to = (int) Math.min(last, (cut + 0.35) * last);
                    List<CurveForecast.Point> forecast = forecast(size, curve, name, from);
                    int[] steps = Arrays.stream(curve.steps()).filter(s -> s > from && s <= to).toArray();
                    double[] loss = Arrays.stream(steps).mapToDouble(s -> lossAt(curve, s)).toArray();
                    judged += steps.length;
                    ForecastWatch.check(forecast, steps, loss).forEach(a -> raised.add(size + "M " + name + " from "
                            + from + ": " + a.message()));
                }
            }
        }
        assertThat(judged).isGreaterThan(1000);
        assertThat(raised).isEmpty();
    }

    @Test
    void aSpikeAndAStalledRunAreCaught() {
        LossCurve wsd = MultiPowerData.curve(25, "wsd_20000_24000");
        List<CurveForecast.Point> forecast = forecast(25, wsd, "wsd_20000_24000", 16000);
        int[] steps = Arrays.stream(wsd.steps()).filter(s -> s > 16000 && s <= 19000).toArray();
        double[] real = Arrays.stream(steps).mapToDouble(s -> lossAt(wsd, s)).toArray();
        assertThat(ForecastWatch.check(forecast, steps, real)).isEmpty();

        double[] spiked = real.clone();
        spiked[5] *= 1.05;
        assertThat(ForecastWatch.check(forecast, steps, spiked)).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(ForecastWatch.Kind.SPIKE);
            assertThat(a.step()).isEqualTo(steps[5]);
            assertThat(a.observed()).isEqualTo(spiked[5]);
            assertThat(a.message()).contains("band half-widths above the forecast");
        });

        // A run whose loss stops falling: the decay from step 20,000 brings none of the gain the law forecasts.
        int[] toEnd = Arrays.stream(wsd.steps()).filter(s -> s > 16000).toArray();
        double[] stalled = new double[toEnd.length];
        Arrays.fill(stalled, lossAt(wsd, Arrays.stream(wsd.steps()).filter(s -> s <= 16000).max().orElseThrow()));
        List<ForecastWatch.Alert> alerts = ForecastWatch.check(forecast, toEnd, stalled);
        // First off the forecast, and once the decay's missing gain reaches three half-widths, a spike too.
        assertThat(alerts).extracting(ForecastWatch.Alert::kind).containsExactly(ForecastWatch.Kind.OFF_FORECAST,
                ForecastWatch.Kind.SPIKE);
        assertThat(alerts.get(0).message()).startsWith("3 checkpoints in a row above twice the forecast's band");
    }

    @Test
    void aDivergingRunIsCriticalAndEachIncidentIsRaisedOnceUntilTheRunRecovers() {
        LossCurve wsd = MultiPowerData.curve(25, "wsd_20000_24000");
        List<CurveForecast.Point> forecast = forecast(25, wsd, "wsd_20000_24000", 16000);
        int[] steps = Arrays.stream(wsd.steps()).filter(s -> s > 16000 && s <= 19000).toArray();
        double[] real = Arrays.stream(steps).mapToDouble(s -> lossAt(wsd, s)).toArray();

        // From checkpoint 10 on, the loss climbs 0.4% per checkpoint: a run blowing up.
        double[] rising = real.clone();
        for (int i = 10; i < rising.length; i++) {
            rising[i] = rising[9] * (1 + 0.004 * (i - 9));
        }
        ForecastWatch.Verdict v = ForecastWatch.judge(forecast, steps, rising, 0, Set.of());
        assertThat(v.raised()).filteredOn(a -> a.kind() == ForecastWatch.Kind.DIVERGING).singleElement()
                .satisfies(a -> {
                    assertThat(a.severity()).isEqualTo(ForecastWatch.Severity.CRITICAL);
                    assertThat(a.step()).isGreaterThan(steps[10]).isLessThanOrEqualTo(steps[10 + 6]);
                    assertThat(a.message()).startsWith("loss rose at 3 checkpoints in a row");
                });
        assertThat(v.raised()).extracting(ForecastWatch.Alert::kind).doesNotHaveDuplicates()
                .contains(ForecastWatch.Kind.OFF_FORECAST, ForecastWatch.Kind.SPIKE);
        assertThat(v.recovered()).isEmpty();

        // Two spikes with a healthy checkpoint between: two incidents; one already open when the first comes: one.
        double[] spiked = real.clone();
        spiked[5] *= 1.05;
        spiked[12] *= 1.05;
        ForecastWatch.Verdict twice = ForecastWatch.judge(forecast, steps, spiked, 0, Set.of());
        assertThat(twice.raised()).extracting(ForecastWatch.Alert::step).containsExactly(steps[5], steps[12]);
        assertThat(twice.recovered()).containsExactly(new ForecastWatch.Recovery(ForecastWatch.Kind.SPIKE, steps[6]),
                new ForecastWatch.Recovery(ForecastWatch.Kind.SPIKE, steps[13]));
        ForecastWatch.Verdict fromSix = ForecastWatch.judge(forecast, steps, spiked, 5,
                Set.of(ForecastWatch.Kind.SPIKE));
        assertThat(fromSix.raised()).extracting(ForecastWatch.Alert::step).containsExactly(steps[12]);
        assertThat(fromSix.recovered()).first().isEqualTo(new ForecastWatch.Recovery(ForecastWatch.Kind.SPIKE,
                steps[6]));
    }

    @Test
    void aForecastEndWorseThanTheTargetIsAnIncidentUntilAForecastMeetsIt() {
        CurveForecast.Point end = new CurveForecast.Point(24000, 3.30, 3.28, 3.32);
        assertThat(ForecastWatch.target(end, 16000, 3.5, 3.25, false).raised()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(ForecastWatch.Kind.TARGET);
            assertThat(a.severity()).as("the whole band is worse").isEqualTo(ForecastWatch.Severity.CRITICAL);
            assertThat(a.step()).isEqualTo(16000);
            assertThat(a.message()).isEqualTo("forecast to end at 3.3000 [3.2800, 3.3200] at step 24000, worse than"
                    + " the family's target 3.2500");
        });
        assertThat(ForecastWatch.target(end, 16000, 3.5, 3.29, false).raised()).extracting(
                ForecastWatch.Alert::severity).containsExactly(ForecastWatch.Severity.WARNING);
        assertThat(ForecastWatch.target(end, 16000, 3.5, 3.25, true).raised()).as("already open").isEmpty();
        assertThat(ForecastWatch.target(end, 17000, 3.4, 3.31, true).recovered()).containsExactly(
                new ForecastWatch.Recovery(ForecastWatch.Kind.TARGET, 17000));
        assertThat(ForecastWatch.target(end, 17000, 3.4, 3.31, false).raised()).isEmpty();
    }

    @Test
    void aRunIsSilentAfterFiveOfItsUsualGapsWithoutACheckpoint() {
        long minute = 60_000;
        long[] steady = LongStream.rangeClosed(1, 10).map(k -> k * minute).toArray();
        long last = steady[steady.length - 1];
        assertThat(ForecastWatch.silent(steady, last + 4 * minute, 1000)).isFalse();
        assertThat(ForecastWatch.silent(steady, last + 6 * minute, 1000)).isTrue();
        // A bulk import arrives all at once: its cadence is the floor.
        long[] burst = LongStream.rangeClosed(1, 10).toArray();
        assertThat(ForecastWatch.silent(burst, 10 + 4 * minute, minute)).isFalse();
        assertThat(ForecastWatch.silent(burst, 10 + 6 * minute, minute)).isTrue();
        assertThat(ForecastWatch.silent(new long[] {0, minute}, 100 * minute, 1000)).as("no cadence yet").isFalse();
    }

    @Test
    void theForecastIsInterpolatedBetweenItsCheckpoints() {
        List<CurveForecast.Point> f = List.of(new CurveForecast.Point(100, 3.0, 2.9, 3.1),
                new CurveForecast.Point(200, 2.0, 1.8, 2.2));
        CurveForecast.Point mid = ForecastWatch.at(f, 150);
        assertThat(mid.loss()).isCloseTo(2.5, within(1e-12));
        assertThat(mid.lower()).isCloseTo(2.35, within(1e-12));
        assertThat(ForecastWatch.at(f, 50).loss()).isEqualTo(3.0);
        assertThat(ForecastWatch.check(f, new int[] {250}, new double[] {9.0})).as("past the forecast").isEmpty();
    }

    /** The forecast of {@code curve} from step {@code from} to its end, fitted with its size's base runs. */
    private static List<CurveForecast.Point> forecast(int size, LossCurve curve, String name, int from) {
        List<LossCurve> curves = new ArrayList<>();
        BASE.stream().filter(b -> !b.equals(name)).forEach(b -> curves.add(MultiPowerData.curve(size, b)));
        int n = (int) Arrays.stream(curve.steps()).filter(s -> s <= from).count();
        LossCurve observed = new LossCurve(name, curve.rates(), Arrays.copyOf(curve.steps(), n),
                Arrays.copyOf(curve.loss(), n));
        curves.add(observed);
        TissueLaw law = TissueFitter.standard().fit(curves).law();
        List<TissueLaw> draws = new CurveBootstrap(20, size).run(curves, law,
                (l, c) -> l.losses(c.rates(), c.steps()), TissueFitter.standard()::refine);
        double scatter = CurveForecast.scatter(curves, c -> law.losses(c.rates(), c.steps()));
        return CurveForecast.at(law, draws, TissueLaw::losses, curve.rates(),
                CurveForecast.futureSteps(observed.steps(), curve.steps()[curve.size() - 1], 200), scatter);
    }

    private static double lossAt(LossCurve c, int step) {
        for (int i = 0; i < c.size(); i++) {
            if (c.steps()[i] == step) {
                return c.loss()[i];
            }
        }
        throw new IllegalArgumentException("no step " + step);
    }
}
