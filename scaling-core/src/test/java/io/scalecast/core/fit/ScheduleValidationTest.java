package io.scalecast.core.fit;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalecast.core.law.MultiPowerLaw;
import io.scalecast.core.law.TissueLaw;
import io.scalecast.core.schedule.LossCurve;
import io.scalecast.core.schedule.MultiPowerData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The whole-curve laws on the Multi-Power Law repository's public curves, as docs/methods.md reports them: per model
 * size, fit the repository's three training curves (cosine and constant over 24k steps, the two-stage wsdcon_9) and
 * predict the six held-out schedules; the better law must stay under 0.3% mean relative error on each (the issue's
 * goal). The table it prints is the one in docs/methods.md.
 */
class ScheduleValidationTest {

    private static final double GOAL = 0.003;

    @Test
    void theBetterLawPredictsEveryHeldOutScheduleWithinThreeTenthsOfAPercent() {
        List<String> table = new ArrayList<>();
        for (int size : new int[] {25, 100}) {
            List<LossCurve> train = MultiPowerData.TRAIN.stream().map(n -> MultiPowerData.curve(size, n)).toList();
            Map<String, Function<LossCurve, double[]>> laws = laws(train);
            for (String name : MultiPowerData.TEST) {
                LossCurve held = MultiPowerData.curve(size, name);
                StringBuilder row = new StringBuilder("| " + size + "M | " + name + " |");
                double best = Double.POSITIVE_INFINITY;
                for (Function<LossCurve, double[]> law : laws.values()) {
                    double[] predicted = law.apply(held);
                    double[] err = held.relativeErrors(predicted);
                    best = Math.min(best, err[0]);
                    row.append(String.format(Locale.ROOT, " %.3f%% / %.2f%% / %.4f |", 100 * err[0], 100 * err[1],
                            ChinchillaFitter.r2(i -> predicted[i], held.loss())));
                }
                table.add(row.toString());
                assertThat(best).as(size + "M " + name).isLessThan(GOAL);
            }
        }
        System.out.println("| size | held-out | " + String.join(" | ", List.of("annealing law, warm-up as trained",
                "annealing law, warm-up at peak", "multi-power law")) + " |");
        table.forEach(System.out::println);
    }

    private static Map<String, Function<LossCurve, double[]>> laws(List<LossCurve> train) {
        TissueLaw asTrained = TissueFitter.standard().withWarmupAtPeak(false).fit(train).law();
        TissueLaw atPeak = TissueFitter.standard().fit(train).law();
        MultiPowerLaw multiPower = MultiPowerFitter.standard().fit(train).law();
        Map<String, Function<LossCurve, double[]>> out = new LinkedHashMap<>();
        out.put("tissue as trained", c -> asTrained.losses(c.rates(), c.steps()));
        out.put("tissue at peak", c -> atPeak.losses(c.rates(), c.steps()));
        out.put("multi-power", c -> multiPower.losses(c.rates(), c.steps()));
        return out;
    }
}
