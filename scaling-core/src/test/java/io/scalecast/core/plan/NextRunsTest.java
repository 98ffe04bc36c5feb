package io.scalecast.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.scalecast.core.data.CheckpointPoint;
import io.scalecast.core.data.FamilyData;
import io.scalecast.core.data.SyntheticFamily;
import io.scalecast.core.fit.ChinchillaFitter;
import io.scalecast.core.law.ChinchillaLaw;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The next-run ranking on a synthetic family drawn from Hoffmann et al.'s law: the gradient it propagates, that a run
 * never widens an interval, that extrapolation widens it, and the reasons it gives.
 */
class NextRunsTest {

    private static final ChinchillaLaw HOFFMANN = new ChinchillaLaw(1.69, 406.4, 410.7, 0.34, 0.28);
    private static final double[] SIZES = {2e7, 4e7, 8e7, 1.6e8, 3.2e8};

    /** Checkpoints of runs of {@code sizes} at 20 tokens per parameter under Hoffmann et al.'s law, 1% noise. */
    static FamilyData family(double[] sizes) {
        List<CheckpointPoint> points = new SyntheticFamily(HOFFMANN, sizes, 20, 8, 0.01, 7).generate().stream()
                .map(c -> new CheckpointPoint(c.run(), c.params(), c.tokens(), c.loss())).toList();
        return FamilyData.of(points);
    }

    @Test
    void theGradientIsTheLogLossDerivativeInTheLawsLogVector() {
        NextRuns plan = new NextRuns(HOFFMANN, family(SIZES), 8, 0.25);
        double[] g = plan.gradient(7e10, 1.4e12);
        double[] v = HOFFMANN.toLogVector();
        for (int i = 0; i < v.length; i++) {
            double h = 1e-6;
            double[] up = v.clone();
            double[] down = v.clone();
            up[i] += h;
            down[i] -= h;
            double numeric = (Math.log(ChinchillaLaw.fromLogVector(up).loss(7e10, 1.4e12))
                    - Math.log(ChinchillaLaw.fromLogVector(down).loss(7e10, 1.4e12))) / (2 * h);
            assertThat(g[i]).as(NextRuns.NAMES.get(i)).isCloseTo(numeric, within(1e-6));
        }
    }

    @Test
    void aRunNeverWidensTheIntervalAndFartherExtrapolationsAreWider() {
        NextRuns plan = new NextRuns(HOFFMANN, family(SIZES), 8, 0.25);
        List<double[]> candidates = List.of(new double[] {6.4e8, 1.28e10}, new double[] {3e7, 6e8},
                new double[] {1.6e8, 1.28e10}, new double[] {1.28e9, 2.56e10});

        NextRuns.Ranking near = plan.rank(3.2e8, 6.4e9, candidates);
        NextRuns.Ranking mid = plan.rank(2e9, 4e10, candidates);
        NextRuns.Ranking far = plan.rank(7e10, 1.4e12, candidates);

        assertThat(near.width()).isLessThan(mid.width());
        assertThat(mid.width()).isLessThan(far.width());
        assertThat(far.candidates()).hasSize(4).allSatisfy(c -> {
            assertThat(c.widthAfter()).isLessThanOrEqualTo(far.width());
            assertThat(c.flops()).isEqualTo(6 * c.params() * c.tokens());
        });
        assertThat(far.candidates()).isSortedAccordingTo(
                (a, b) -> Double.compare(b.shrinkPerFlop(), a.shrinkPerFlop()));
    }

    @Test
    void theReasonSaysWhichRangeARunExtendsAndWhichParameterItPins() {
        NextRuns plan = new NextRuns(HOFFMANN, family(SIZES), 8, 0.25);

        NextRuns.Ranking far = plan.rank(7e10, 1.4e12, List.of(new double[] {1.28e9, 2.56e10},
                new double[] {1.6e8, 3.2e10}));

        NextRuns.Candidate bigger = far.candidates().stream().filter(c -> c.params() == 1.28e9).findFirst()
                .orElseThrow();
        NextRuns.Candidate longer = far.candidates().stream().filter(c -> c.params() == 1.6e8).findFirst()
                .orElseThrow();
        assertThat(bigger.why()).startsWith("extends N 4.0x beyond the largest run; extends D 4.0x").contains("pins");
        assertThat(longer.why()).startsWith("extends D 5.0x beyond the longest run").doesNotContain("extends N");
    }

    /**
     * The check run, twice the largest size at the target's tokens per parameter, on 40 seeded families of 5 runs each
     * fitted from the full start grid: its interval holds the final loss the run then reaches (its own noisy draw of
     * the true law) in at least 36 of 40, as a 95% interval should.
     */
    @Test
    void theCheckRunsIntervalHoldsTheLossItThenReaches() {
        int held = 0;
        for (long seed = 1; seed <= 40; seed++) {
            List<CheckpointPoint> points = new SyntheticFamily(HOFFMANN, SIZES, 20, 8, 0.01, seed).generate().stream()
                    .map(c -> new CheckpointPoint(c.run(), c.params(), c.tokens(), c.loss())).toList();
            FamilyData data = FamilyData.of(points);
            ChinchillaLaw fitted = ChinchillaFitter.epoch().fit(data.params(), data.tokens(), data.loss()).law();
            NextRuns.Check check = new NextRuns(fitted, data, 8, 0.25).check(7e10, 1.4e12);
            assertThat(check.params()).isEqualTo(6.4e8);
            assertThat(check.tokens()).isCloseTo(1.28e10, within(1.0));
            List<SyntheticFamily.Checkpoint> run = new SyntheticFamily(HOFFMANN, new double[] {check.params()}, 20, 8,
                    0.01, 1000 + seed).generate();
            held += check.holds(run.get(run.size() - 1).loss()) ? 1 : 0;
        }
        assertThat(held).as("check intervals holding the run's final loss, of 40").isGreaterThanOrEqualTo(36);
    }

    @Test
    void withTooFewRunsTheIntervalIsUnboundedUntilARunIdentifiesEveryParameter() {
        NextRuns plan = new NextRuns(HOFFMANN, family(new double[] {2e7}), 8, 0.25);

        NextRuns.Ranking r = plan.rank(7e10, 1.4e12, List.of(new double[] {4e7, 8e8}));

        assertThat(r.width()).isInfinite();
    }
}
