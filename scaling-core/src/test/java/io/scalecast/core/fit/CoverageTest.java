package io.scalecast.core.fit;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalecast.core.data.CheckpointPoint;
import io.scalecast.core.data.FamilyData;
import io.scalecast.core.data.SyntheticFamily;
import io.scalecast.core.law.ChinchillaLaw;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * Synthetic recovery: 50 seeded families drawn from a known law (10 runs, 20 checkpoints each, 1% noise), each
 * fitted from the full grid and bootstrapped with 1,000 run resamples; every parameter's 95% interval must hold the
 * true value in at least 90% of the trials. Deterministic: the data and every resample are seeded.
 */
class CoverageTest {

    private static final ChinchillaLaw TRUTH = new ChinchillaLaw(1.81724, 477.84, 2143.86, 0.347313, 0.367183);
    private static final double[] SIZES = {2e7, 3e7, 5e7, 8e7, 1.2e8, 2e8, 3e8, 5e8, 7e8, 1e9};
    private static final int TRIALS = 50;

    @Test
    void bootstrapIntervalsHoldTheTrueParametersInAtLeastNinetyPercentOfTrials() {
        Map<String, ToDoubleFunction<ChinchillaLaw>> quantities = new LinkedHashMap<>();
        quantities.put("E", ChinchillaLaw::e);
        quantities.put("A", ChinchillaLaw::a);
        quantities.put("B", ChinchillaLaw::b);
        quantities.put("alpha", ChinchillaLaw::alpha);
        quantities.put("beta", ChinchillaLaw::beta);
        quantities.put("loss at 7e9, 1.4e11", l -> l.loss(7e9, 1.4e11));
        Map<String, Integer> covered = new LinkedHashMap<>();
        quantities.keySet().forEach(k -> covered.put(k, 0));
        ChinchillaFitter fitter = ChinchillaFitter.epoch();

        for (int t = 0; t < TRIALS; t++) {
            List<CheckpointPoint> points = new SyntheticFamily(TRUTH, SIZES, 30, 20, 0.01, 1000 + t).generate()
                    .stream().map(c -> new CheckpointPoint(c.run(), c.params(), c.tokens(), c.loss())).toList();
            FamilyData data = FamilyData.of(points);
            ChinchillaLaw point = fitter.fit(data.params(), data.tokens(), data.loss()).law();
            RunBootstrap.Draws<ChinchillaLaw> draws = new RunBootstrap(RunBootstrap.DEFAULT_RESAMPLES, t).run(fitter, data,
                    ChinchillaPins.none(), point);
            quantities.forEach((name, q) -> {
                if (draws.interval(q).contains(q.applyAsDouble(TRUTH))) {
                    covered.merge(name, 1, Integer::sum);
                }
            });
        }

        assertThat(covered).allSatisfy((name, hits) ->
                assertThat(hits).as("trials whose interval of %s holds the truth", name)
                        .isGreaterThanOrEqualTo((int) Math.ceil(0.9 * TRIALS)));
    }
}
