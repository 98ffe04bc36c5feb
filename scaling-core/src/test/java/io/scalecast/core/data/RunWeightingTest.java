package io.scalecast.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.scalecast.core.fit.ChinchillaFit;
import io.scalecast.core.fit.ChinchillaFitter;
import io.scalecast.core.fit.ChinchillaPins;
import io.scalecast.core.law.ChinchillaLaw;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunWeightingTest {

    private static final ChinchillaLaw TRUTH = new ChinchillaLaw(1.81724, 477.84, 2143.86, 0.347313, 0.367183);

    @Test
    void runWeightingMakesTheFitIndependentOfHowOftenARunWasLogged() {
        List<CheckpointPoint> points = new SyntheticFamily(TRUTH, new double[] {2e7, 5e7, 1.2e8, 3e8, 7e8}, 30, 10,
                0.01, 4).generate().stream()
                .map(c -> new CheckpointPoint(c.run(), c.params(), c.tokens(), c.loss())).toList();
        List<CheckpointPoint> loggedTwice = new ArrayList<>(points);
        // The largest run is logged at twice the rate: every one of its checkpoints appears twice.
        points.stream().filter(p -> p.params() == 7e8).forEach(loggedTwice::add);

        ChinchillaLaw once = fit(points, RunWeighting.RUN);
        ChinchillaLaw twice = fit(loggedTwice, RunWeighting.RUN);
        ChinchillaLaw twicePointWeighted = fit(loggedTwice, RunWeighting.POINT);

        assertThat(twice.loss(7e9, 1.4e11)).isCloseTo(once.loss(7e9, 1.4e11), within(1e-6));
        assertThat(Math.abs(twicePointWeighted.loss(7e9, 1.4e11) - once.loss(7e9, 1.4e11))).isGreaterThan(1e-6);
    }

    @Test
    void runWeightsSumToThePointCountAndGiveEachRunTheSameTotal() {
        FamilyData data = FamilyData.of(List.of(new CheckpointPoint("a", 1e8, 1e9, 3), new CheckpointPoint("a", 1e8,
                2e9, 2.9), new CheckpointPoint("a", 1e8, 3e9, 2.8), new CheckpointPoint("b", 2e8, 1e9, 2.8)));

        double[] w = RunWeighting.RUN.weights(data);

        assertThat(w).containsExactly(new double[] {2.0 / 3, 2.0 / 3, 2.0 / 3, 2.0}, within(1e-12));
        assertThat(RunWeighting.POINT.weights(data)).isNull();
    }

    private static ChinchillaLaw fit(List<CheckpointPoint> points, RunWeighting weighting) {
        FamilyData data = FamilyData.of(points);
        ChinchillaFit fit = ChinchillaFitter.epoch().fit(data.params(), data.tokens(), data.loss(),
                weighting.weights(data), ChinchillaPins.none());
        return fit.law();
    }
}
