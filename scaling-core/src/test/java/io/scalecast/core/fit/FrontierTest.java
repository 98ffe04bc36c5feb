package io.scalecast.core.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.scalecast.core.data.CheckpointPoint;
import io.scalecast.core.data.ComputeFrontier;
import io.scalecast.core.data.SyntheticFamily;
import io.scalecast.core.data.TokenCut;
import io.scalecast.core.law.ChinchillaLaw;
import io.scalecast.core.law.PowerLaw;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The compute-efficient frontier and the power law in compute fitted to it, against the Chinchilla law's optimum. */
class FrontierTest {

    private static final ChinchillaLaw TRUTH = new ChinchillaLaw(1.81724, 477.84, 2143.86, 0.347313, 0.367183);

    /** Sixteen sizes 1.5x apart, each trained to 100 tokens per parameter: a dense family, as a lab's sweep. */
    private static List<CheckpointPoint> sweep(double noise) {
        double[] sizes = IntStream.range(0, 16).mapToDouble(i -> 2e7 * Math.pow(1.5, i)).toArray();
        return new SyntheticFamily(TRUTH, sizes, 100, 60, noise, 5).generate().stream()
                .map(c -> new CheckpointPoint(c.run(), c.params(), c.tokens(), c.loss())).toList();
    }

    @Test
    void theFrontierKeepsOnlyCheckpointsNoCheaperOneBeats() {
        List<CheckpointPoint> points = sweep(0);
        List<CheckpointPoint> frontier = ComputeFrontier.of(points);

        assertThat(frontier.size()).isLessThan(points.size());
        for (int i = 1; i < frontier.size(); i++) {
            assertThat(ComputeFrontier.compute(frontier.get(i)))
                    .isGreaterThanOrEqualTo(ComputeFrontier.compute(frontier.get(i - 1)));
            assertThat(frontier.get(i).loss()).isLessThan(frontier.get(i - 1).loss());
        }
        for (CheckpointPoint p : points) {
            double best = frontier.stream().filter(f -> ComputeFrontier.compute(f) <= ComputeFrontier.compute(p))
                    .mapToDouble(CheckpointPoint::loss).min().orElse(Double.POSITIVE_INFINITY);
            assertThat(p.loss()).isGreaterThanOrEqualTo(best);
        }
        assertThat(frontier.stream().map(CheckpointPoint::run).distinct().count()).isGreaterThan(10);
    }

    @Test
    void thePowerLawOnTheFrontierHasTheComputeOptimalExponentAndPredictsTheOptimalLoss() {
        List<CheckpointPoint> frontier = ComputeFrontier.of(sweep(0.002));
        double[] c = FrontierBacktest.compute(frontier);
        PowerLaw law = PowerFitter.standard().fit(c, frontier.stream().mapToDouble(CheckpointPoint::loss).toArray())
                .law();

        // Chinchilla's optimum: L*(C) = E + G·C^(−αβ/(α+β)); the envelope of a dense sweep follows it.
        double exponent = TRUTH.alpha() * TRUTH.beta() / (TRUTH.alpha() + TRUTH.beta());
        assertThat(law.alpha()).isCloseTo(exponent, within(0.02));
        double flops = 10 * c[c.length - 1];
        double optimal = TRUTH.computeOptimal(flops).loss();
        assertThat(law.loss(flops)).isCloseTo(optimal, within(optimal * 0.01));
    }

    @Test
    void theBacktestPredictsTheLargestModelsFrontierBetterThanTheBaselines() {
        FrontierBacktest.Result r = FrontierBacktest.run(PowerFitter.standard(), sweep(0.002), TokenCut.NONE, 3);

        assertThat(r.targetRun()).isEqualTo(SyntheticFamily.runName(2e7 * Math.pow(1.5, 15)));
        assertThat(r.trainRuns()).isGreaterThanOrEqualTo(10);
        assertThat(r.paramsRatio()).isCloseTo(1.5, within(1e-9));
        assertThat(r.are()).isLessThan(0.01).isLessThan(r.bestLossBaseline()).isLessThan(r.mostTrainedBaseline());
        assertThatThrownBy(() -> FrontierBacktest.run(PowerFitter.standard(), sweep(0).subList(0, 120),
                TokenCut.NONE, 3)).hasMessageContaining("at least 3 runs");
    }

    @Test
    void aWarmStartFromTheEarlierFrontiersLawReachesTheFullFitFromOneStart() {
        List<CheckpointPoint> all = sweep(0.002);
        List<CheckpointPoint> earlier = ComputeFrontier.of(all.stream().filter(p -> p.tokens() < 60 * p.params())
                .toList());
        List<CheckpointPoint> now = ComputeFrontier.of(all);
        double[] loss = now.stream().mapToDouble(CheckpointPoint::loss).toArray();
        PowerLaw before = PowerFitter.standard().fit(FrontierBacktest.compute(earlier),
                earlier.stream().mapToDouble(CheckpointPoint::loss).toArray()).law();

        PowerFit warm = PowerFitter.standard().warmFrom(before).fit(FrontierBacktest.compute(now), loss);
        PowerFit full = PowerFitter.standard().fit(FrontierBacktest.compute(now), loss);

        assertThat(warm.diagnostics().starts()).isEqualTo(1);
        assertThat(warm.diagnostics().converged()).isTrue();
        assertThat(warm.objective()).isCloseTo(full.objective(), within(1e-9 * full.objective()));
        assertThat(warm.law().alpha()).isCloseTo(full.law().alpha(), within(1e-5));
        assertThat(warm.law().e()).isCloseTo(full.law().e(), within(1e-5));
    }
}
