package io.scalecast.core.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalecast.core.data.CheckpointPoint;
import io.scalecast.core.data.SyntheticFamily;
import io.scalecast.core.data.TokenCut;
import io.scalecast.core.law.ChinchillaLaw;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The expanding-window back-test by compute on families with a known law. */
class ComputeBacktestTest {

    private static final ChinchillaLaw TRUTH = new ChinchillaLaw(1.81724, 477.84, 2143.86, 0.347313, 0.367183);

    private static List<CheckpointPoint> family(double noise) {
        return new SyntheticFamily(TRUTH, new double[] {5e7, 1e8, 2e8, 4e8, 8e8}, 20, 20, noise, 4).generate()
                .stream().map(c -> new CheckpointPoint(c.run(), c.params(), c.tokens(), c.loss())).toList();
    }

    @Test
    void windowsExpandInComputeAndTheLawPredictsEachNextWindow() {
        List<CheckpointPoint> points = family(0.005);

        ComputeBacktest.Result r = ComputeBacktest.run(ChinchillaFitter.epoch(), points, TokenCut.NONE,
                ChinchillaPins.none(), 4);

        assertThat(r.windows()).hasSize(4);
        assertThat(r.windows().stream().mapToInt(ComputeBacktest.Window::testPoints).sum()).isEqualTo(50);
        assertThat(r.windows().get(0).trainPoints()).isEqualTo(50);
        for (int k = 0; k < 4; k++) {
            ComputeBacktest.Window w = r.windows().get(k);
            assertThat(w.failure()).isNull();
            assertThat(w.extrapolation()).isGreaterThan(1);
            // 0.5% noise: a law that holds predicts each window to about the noise, far better than the best loss.
            assertThat(w.are()).isLessThan(0.015).isLessThan(w.bestLossBaseline() / 3);
            if (k > 0) {
                assertThat(w.trainPoints()).isGreaterThan(r.windows().get(k - 1).trainPoints());
                assertThat(w.trainCompute()).isGreaterThan(r.windows().get(k - 1).trainCompute());
            }
        }
        assertThat(r.meanAre()).isLessThan(0.01);
    }

    @Test
    void aLawThatBendsAwayIsCaughtAsErrorGrowingWithCompute() {
        // Losses flatten above the 2e8 model (a data bottleneck the law cannot see): later windows must show it.
        List<CheckpointPoint> points = family(0.0).stream().map(p -> new CheckpointPoint(p.run(), p.params(),
                p.tokens(), p.params() > 2e8 ? p.loss() * 1.04 : p.loss())).toList();

        ComputeBacktest.Result r = ComputeBacktest.run(ChinchillaFitter.epoch(), points, TokenCut.NONE,
                ChinchillaPins.none(), 4);

        assertThat(r.windows().get(3).are()).isGreaterThan(0.01);
    }

    @Test
    void refusesTooFewPointsAndNoWindows() {
        List<CheckpointPoint> few = family(0.0).subList(0, 8);
        assertThatThrownBy(() -> ComputeBacktest.run(ChinchillaFitter.epoch(), few, TokenCut.NONE,
                ChinchillaPins.none(), 4)).hasMessageContaining("at least 12 points");
        assertThatThrownBy(() -> ComputeBacktest.run(ChinchillaFitter.epoch(), family(0.0), TokenCut.NONE,
                ChinchillaPins.none(), 0)).hasMessageContaining("windows");
    }
}
