package io.scalecast.core.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.scalecast.core.data.CheckpointPoint;
import io.scalecast.core.data.RunFinals;
import io.scalecast.core.law.OvertrainingLaw;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The over-training law as fit-service fits it from streamed runs: on each run's final, warm-started, with
 * intervals from a run bootstrap or the covariance, and back-tested on the largest model.
 */
class OvertrainingStreamTest {

    /** Gadre et al.'s RedPajama fit, the truth of the synthetic runs. */
    private static final OvertrainingLaw TRUTH = new OvertrainingLaw(1.8366, 166.21, 366.69, -0.27285);

    @Test
    void finalsAreEachRunsMostTrainedCheckpoint() {
        List<CheckpointPoint> points = List.of(new CheckpointPoint("b", 2e8, 1e9, 3.0),
                new CheckpointPoint("a", 1e8, 4e9, 2.9), new CheckpointPoint("b", 2e8, 4e9, 2.8),
                new CheckpointPoint("a", 1e8, 2e9, 3.1));

        List<CheckpointPoint> finals = RunFinals.of(points);

        assertThat(finals).containsExactly(points.get(1), points.get(2));
        assertThat(RunFinals.multiplierSpan(finals)).isCloseTo(2.0, within(1e-12));
    }

    @Test
    void recoversTheLawOfExactRunsAndAWarmStartReachesTheSameOptimum() {
        OvertrainingFit exact = new OvertrainingFitter().fit(runs(0.0, 1));
        List<CheckpointPoint> noisy = runs(0.002, 1);
        OvertrainingFit previous = new OvertrainingFitter().fit(noisy.subList(0, 19));

        OvertrainingFit fresh = new OvertrainingFitter().fit(noisy);
        OvertrainingFit warm = new OvertrainingFitter().warmFrom(previous.law()).fit(noisy);

        assertThat(exact.law().e()).isCloseTo(TRUTH.e(), within(1e-6));
        assertThat(exact.law().a()).isCloseTo(TRUTH.a(), within(1e-4));
        assertThat(exact.law().b()).isCloseTo(TRUTH.b(), within(1e-4));
        assertThat(exact.law().p()).isCloseTo(TRUTH.p(), within(1e-8));
        assertThat(warm.starts()).isEqualTo(1);
        assertThat(warm.law().loss(6.9e9, 20)).isCloseTo(fresh.law().loss(6.9e9, 20), within(1e-6));
        assertThat(warm.rmse()).isCloseTo(fresh.rmse(), within(1e-9));
    }

    /**
     * Over 20 noisy families, the 95% interval of the 6.9B model's loss (7x beyond the largest run) covers the truth
     * about 19 times; at least 16 is far from what a too-narrow or biased interval gives.
     */
    @Test
    void aRunBootstrapCoversTheTruthBeyondTheData() {
        int covered = 0;
        for (long seed = 1; seed <= 20; seed++) {
            List<CheckpointPoint> runs = runs(0.005, seed);
            OvertrainingFitter fitter = new OvertrainingFitter();
            OvertrainingUncertainty.Draws draws = OvertrainingUncertainty.of(fitter, runs, fitter.fit(runs), 200,
                    seed);
            assertThat(draws.method()).isEqualTo(OvertrainingUncertainty.RUNS);
            assertThat(draws.laws()).hasSizeGreaterThan(180);
            covered += covers(draws) ? 1 : 0;
        }
        assertThat(covered).isGreaterThanOrEqualTo(16);
    }

    @Test
    void fewRunsDrawFromTheCovarianceAndCoverTheTruth() {
        int covered = 0;
        for (long seed = 1; seed <= 20; seed++) {
            List<CheckpointPoint> runs = runs(0.005, seed).subList(4, 12);
            OvertrainingFit fit = new OvertrainingFitter().fit(runs);
            OvertrainingUncertainty.Draws draws = OvertrainingUncertainty.of(new OvertrainingFitter(), runs, fit,
                    2000, seed);
            assertThat(draws.method()).isEqualTo(OvertrainingUncertainty.COVARIANCE);
            covered += covers(draws) ? 1 : 0;
        }
        assertThat(covered).isGreaterThanOrEqualTo(16);
    }

    private static boolean covers(OvertrainingUncertainty.Draws draws) {
        Interval i = Interval.percentile(draws.laws().stream().mapToDouble(l -> l.loss(6.9e9, 20)).toArray(), 0.95);
        return TRUTH.loss(6.9e9, 20) >= i.lower() && TRUTH.loss(6.9e9, 20) <= i.upper();
    }

    /**
     * The covariance's draws are the Student t of the parameters' intervals; the law's draws are those of them the
     * form allows (E, a, b above zero, p below), the rest counted as failed.
     */
    @Test
    void covarianceDrawsHaveTheStudentTIntervalsOfTheParametersAndOnlyLawsThatCanBe() {
        List<CheckpointPoint> runs = runs(0.005, 3).subList(0, 7);
        OvertrainingFit fit = new OvertrainingFitter().fit(runs);
        Covariance covariance = fit.covariance().orElseThrow();

        Interval sampled = Interval.percentile(covariance.sample(fit.law().toVector(), 20_000, 11).stream()
                .mapToDouble(v -> v[0]).toArray(), 0.95);
        OvertrainingUncertainty.Draws draws = OvertrainingUncertainty.of(new OvertrainingFitter(), runs, fit,
                20_000, 11);

        Interval analytic = covariance.parameter(0, fit.law().e(), 0.95);
        double width = analytic.upper() - analytic.lower();
        assertThat(sampled.lower()).isCloseTo(analytic.lower(), within(0.1 * width));
        assertThat(sampled.upper()).isCloseTo(analytic.upper(), within(0.1 * width));
        assertThat(draws.method()).isEqualTo(OvertrainingUncertainty.COVARIANCE);
        assertThat(draws.laws()).as("no draw leaves a parameter's side of zero").isNotEmpty()
                .allSatisfy(l -> assertThat(l.e() > 0 && l.a() > 0 && l.b() > 0 && l.p() < 0).isTrue());
        assertThat(draws.failed()).isEqualTo(20_000 - draws.laws().size()).isPositive();
        Interval drawn = Interval.percentile(draws.laws().stream().mapToDouble(OvertrainingLaw::e).toArray(), 0.95);
        assertThat(drawn.lower()).isGreaterThanOrEqualTo(analytic.lower() - 0.1 * width);
        assertThat(drawn.upper()).isLessThanOrEqualTo(analytic.upper() + 0.1 * width);
    }

    /** A poorly determined law's linear interval of E reaches below zero; on the log scale it cannot. */
    @Test
    void aParametersIntervalOnTheLogScaleKeepsItsSign() {
        Covariance c = new Covariance(List.of("E", "p"), new double[][] {{1.0, 0}, {0, 0.01}}, 3);

        Interval linear = c.parameter(0, 1.8, 0.95);
        Interval kept = c.parameterKeepingSign(0, 1.8, 0.95);
        Interval exponent = c.parameterKeepingSign(1, -0.3, 0.95);

        assertThat(linear.lower()).isNegative();
        assertThat(kept.lower()).isPositive();
        assertThat(kept.lower()).isLessThan(1.8);
        assertThat(kept.upper()).isGreaterThan(1.8);
        assertThat(Math.log(kept.upper() / 1.8)).isCloseTo(Math.log(1.8 / kept.lower()), within(1e-12));
        assertThat(exponent.upper()).isNegative();
    }

    @Test
    void theBacktestPredictsTheLargestModelFromTheOthers() {
        List<CheckpointPoint> runs = runs(0.0, 1);

        HitchhikerBacktest.Result r = OvertrainingBacktest.run(new OvertrainingFitter(), runs, 5);

        assertThat(r.targetRun()).isEqualTo("n=1.0e+09 m=320");
        assertThat(r.targetPoints()).isEqualTo(4);
        assertThat(r.trainRuns()).isEqualTo(16);
        assertThat(r.paramsRatio()).isCloseTo(1e9 / 3e8, within(1e-9));
        assertThat(r.are()).isLessThan(1e-4);
        assertThat(r.bestLossBaseline()).isGreaterThan(0.01);
        assertThat(r.mostTrainedBaseline()).isGreaterThan(0.01);
    }

    /** Runs of 5 sizes at 4 token multipliers, their final losses with multiplicative noise of sd {@code noise}. */
    private static List<CheckpointPoint> runs(double noise, long seed) {
        Random random = new Random(seed);
        List<CheckpointPoint> out = new ArrayList<>();
        for (double n : new double[] {1e7, 3e7, 1e8, 3e8, 1e9}) {
            for (double m : new double[] {5, 20, 80, 320}) {
                out.add(run(n, m, noise, random));
            }
        }
        return out;
    }

    private static CheckpointPoint run(double n, double m, double noise, Random random) {
        return new CheckpointPoint(String.format("n=%.1e m=%d", n, (int) m), n, n * m,
                TRUTH.loss(n, m) * (1 + noise * random.nextGaussian()));
    }
}
