package io.scalecast.core.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.scalecast.core.law.ErrorLaw;
import io.scalecast.core.law.SigmoidAccuracyLaw;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/** Loss-to-error maps on synthetic benchmarks with known laws: the form picked, its parameters and its flags. */
class DownstreamMapTest {

    /** Gadre et al.'s RedPajama map of the 17-task average error. */
    private static final ErrorLaw GADRE = new ErrorLaw(0.85699193, 2.20649008, 0.71459055);

    private final DownstreamFitter fitter = new DownstreamFitter(DownstreamFitter.Thresholds.DEFAULT);

    @Test
    void anExponentialBenchmarkGetsTheExponentialFormAndItsParameters() {
        List<DownstreamFitter.Point> points = points(8, 2.6, 4.2, GADRE::error, 0, 1);

        DownstreamFitter.Map map = fitter.fit(points, 0.25);

        assertThat(map.form()).isEqualTo(DownstreamFitter.EXPONENTIAL);
        assertThat(map.exponential().law().epsilon()).isCloseTo(GADRE.epsilon(), within(1e-6));
        assertThat(map.exponential().law().k()).isCloseTo(GADRE.k(), within(1e-5));
        assertThat(map.exponential().law().gamma()).isCloseTo(GADRE.gamma(), within(1e-6));
        assertThat(map.heldOutRun()).isEqualTo("m0");
        assertThat(map.heldOutError()[0]).isLessThan(1e-6);
        assertThat(map.monotonicity()).isEqualTo(1.0);
        assertThat(map.reliable()).isTrue();
        assertThat(map.error(2.0)).isCloseTo(GADRE.error(2.0), within(1e-6));
    }

    @Test
    void aMultipleChoiceBenchmarkWithAChanceFloorGetsTheSigmoid() {
        SigmoidAccuracyLaw truth = new SigmoidAccuracyLaw(0.25, 0.9, 4, 3.0);
        List<DownstreamFitter.Point> points = points(9, 2.2, 4.5, l -> 1 - truth.accuracy(l), 0, 2);

        DownstreamFitter.Map map = fitter.fit(points, 0.25);

        assertThat(map.form()).isEqualTo(DownstreamFitter.SIGMOID);
        assertThat(map.sigmoid().ceiling()).isCloseTo(0.9, within(1e-4));
        assertThat(map.sigmoid().steepness()).isCloseTo(4, within(1e-3));
        assertThat(map.sigmoid().midpoint()).isCloseTo(3.0, within(1e-4));
        assertThat(map.heldOutError()[1]).isLessThan(map.heldOutError()[0]);
        assertThat(map.reliable()).isTrue();
    }

    @Test
    void aBenchmarkNearChanceIsFlagged() {
        List<DownstreamFitter.Point> points = points(8, 2.6, 4.2, l -> 0.74 - 0.005 * (4.2 - l), 0.002, 3);

        DownstreamFitter.Map map = fitter.fit(points, 0.25);

        assertThat(map.reliable()).isFalse();
        assertThat(map.reasons()).anySatisfy(r -> assertThat(r).startsWith("near chance: the best model's accuracy"));
    }

    @Test
    void aBenchmarkWhoseErrorDoesNotFollowLossIsFlaggedNonMonotone() {
        Random random = new Random(5);
        List<DownstreamFitter.Point> points = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            points.add(new DownstreamFitter.Point("m" + i, 2.6 + 0.2 * i, 0.3 + 0.4 * random.nextDouble()));
        }

        DownstreamFitter.Map map = fitter.fit(points, null);

        assertThat(map.monotonicity()).isLessThan(0.7);
        assertThat(map.reasons()).anySatisfy(r -> assertThat(r).startsWith("non-monotone"));
    }

    @Test
    void fewModelsAndABadBacktestAreFlaggedAndTooFewToHoldOneOutAreRefused() {
        List<DownstreamFitter.Point> four = points(4, 2.6, 4.2, GADRE::error, 0, 1);
        List<DownstreamFitter.Point> kinked = new ArrayList<>(points(6, 3.0, 4.2, GADRE::error, 0, 1));
        kinked.add(new DownstreamFitter.Point("strong", 2.2, 0.2));

        assertThat(fitter.fit(four, null).reasons())
                .containsExactly("fitted on 4 models; a trustworthy map needs at least 5");
        assertThat(fitter.fit(kinked, null).reasons()).singleElement()
                .satisfies(r -> assertThat(r).startsWith("back-test: the held-out model of lowest loss"));
        assertThatThrownBy(() -> fitter.fit(four.subList(0, 3), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 4 models, has 3");
    }

    /**
     * Over 20 noisy benchmarks, the 95% interval of the error at a loss below every model's (an extrapolation) covers
     * the truth at least 16 times: from the covariance with 6 models, from the bootstrap with 12.
     */
    @Test
    void theMapsDrawsCoverTheTruthBeyondTheModels() {
        for (int models : new int[] {6, 12}) {
            int covered = 0;
            for (long seed = 1; seed <= 20; seed++) {
                List<DownstreamFitter.Point> points = points(models, 2.6, 4.2, GADRE::error, 0.01, seed);
                DownstreamFitter.Map map = fitter.fit(points, null);
                DownstreamUncertainty.Draws draws = DownstreamUncertainty.of(map, points, null, 400, seed);
                assertThat(draws.method()).isEqualTo(models < 10 ? "covariance" : "runs");
                Interval i = Interval.percentile(draws.draws().stream()
                        .mapToDouble(d -> DownstreamUncertainty.error(map.form(), d, 2.4)).toArray(), 0.95);
                covered += GADRE.error(2.4) >= i.lower() && GADRE.error(2.4) <= i.upper() ? 1 : 0;
            }
            assertThat(covered).as("covered with %d models", models).isGreaterThanOrEqualTo(16);
        }
    }

    /**
     * A poorly determined map (five noisy models): its linearised covariance reaches maps the form does not allow
     * (a negative k or γ, an error that rises as loss falls), and the draws keep none of them, so every drawn error
     * falls as loss falls.
     */
    @Test
    void covarianceDrawsKeepOnlyMapsTheFormAllows() {
        List<DownstreamFitter.Point> points = points(5, 2.6, 4.2, GADRE::error, 0.03, 2);
        DownstreamFitter.Map map = fitter.fit(points, null);
        ErrorFit fit = map.exponential();
        long raw = fit.covariance().orElseThrow().sample(fit.law().toVector(), 400, 2).stream()
                .filter(v -> !ErrorLaw.fromVector(v).allowed()).count();

        DownstreamUncertainty.Draws draws = DownstreamUncertainty.of(map, points, null, 400, 2);

        assertThat(raw).as("the linear draws reach impossible maps").isPositive();
        assertThat(draws.method()).isEqualTo("covariance");
        assertThat(draws.draws()).hasSize(400 - (int) raw)
                .allSatisfy(v -> assertThat(ErrorLaw.fromVector(v).error(2.0)).isLessThan(ErrorLaw.fromVector(v)
                        .error(3.0)));
    }

    /**
     * The bootstrap draws runs, not checkpoints: 20 checkpoints of 4 runs are too few runs for it (covariance draws),
     * 24 of 12 runs are enough.
     */
    @Test
    void theBootstrapDrawsRunsWithAllTheirCheckpoints() {
        List<DownstreamFitter.Point> fourRuns = points(20, 2.6, 4.2, GADRE::error, 0.01, 3);
        DownstreamFitter.Map map = fitter.fit(fourRuns, null);
        assertThat(DownstreamUncertainty.of(map, fourRuns, null, 100, 3).method()).isEqualTo("runs");
        assertThat(DownstreamUncertainty.of(map, fourRuns, null, 100, 3, p -> runOf(p, 5)).method())
                .isEqualTo("covariance");

        List<DownstreamFitter.Point> twelveRuns = points(24, 2.6, 4.2, GADRE::error, 0.01, 4);
        DownstreamFitter.Map twelve = fitter.fit(twelveRuns, null);
        DownstreamUncertainty.Draws byRun = DownstreamUncertainty.of(twelve, twelveRuns, null, 200, 4,
                p -> runOf(p, 2));
        assertThat(byRun.method()).isEqualTo("runs");
        assertThat(byRun.draws()).hasSizeGreaterThan(190);
        // Drawing runs gives other resamples than drawing checkpoints from the same seed.
        double[] byPoint = epsilons(DownstreamUncertainty.of(twelve, twelveRuns, null, 200, 4));
        double[] byRuns = epsilons(byRun);
        assertThat(byRuns).isNotEqualTo(byPoint);
    }

    /**
     * A resample is fitted from the map's law alone: on a well-posed benchmark that start reaches the optimum the
     * recipe's starts reach, for every resample either reaches, in both forms.
     */
    @Test
    void aResampleFittedFromTheMapsLawReachesTheRecipesOptimum() {
        List<DownstreamFitter.Point> exponential = points(12, 2.6, 4.2, GADRE::error, 0.01, 5);
        ErrorLaw law = fitter.fit(exponential, null).exponential().law();
        List<double[][]> pairs = CaseBootstrap.draws(exponential, 100, 5, 4, drawn -> Optional.ofNullable(
                DownstreamFitter.exponential(drawn)).map(recipe -> new double[][] {recipe.law().toVector(),
                        DownstreamFitter.exponentialFrom(drawn, law).law().toVector()}));

        SigmoidAccuracyLaw truth = new SigmoidAccuracyLaw(0.25, 0.9, 4, 3.0);
        List<DownstreamFitter.Point> sigmoid = points(12, 2.2, 4.5, l -> 1 - truth.accuracy(l), 0.01, 6);
        SigmoidAccuracyLaw fitted = fitter.fit(sigmoid, 0.25).sigmoid();
        pairs = new ArrayList<>(pairs);
        pairs.addAll(CaseBootstrap.draws(sigmoid, 100, 6, 4, drawn -> Optional.ofNullable(
                DownstreamFitter.sigmoid(drawn, 0.25)).map(recipe -> new double[][] {recipe.toVector(),
                        DownstreamFitter.sigmoidFrom(drawn, fitted).toVector()})));

        assertThat(pairs).hasSizeGreaterThan(180).allSatisfy(p -> {
            for (int k = 0; k < p[0].length; k++) {
                assertThat(p[1][k]).isCloseTo(p[0][k], within(1e-5 * Math.max(1, Math.abs(p[0][k]))));
            }
        });
    }

    /** Consecutive checkpoints of {@code perRun} make one run: m0..m4 are run r0, and so on. */
    private static String runOf(DownstreamFitter.Point p, int perRun) {
        return "r" + Integer.parseInt(p.run().substring(1)) / perRun;
    }

    private static double[] epsilons(DownstreamUncertainty.Draws draws) {
        return draws.draws().stream().mapToDouble(d -> d[0]).toArray();
    }

    /** {@code n} models with losses evenly from {@code lo} to {@code hi}, errors from {@code error} plus noise. */
    private static List<DownstreamFitter.Point> points(int n, double lo, double hi, DoubleUnaryOperator error,
                                                       double noise, long seed) {
        Random random = new Random(seed);
        List<DownstreamFitter.Point> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double loss = lo + (hi - lo) * i / (n - 1);
            double e = error.applyAsDouble(loss) + noise * random.nextGaussian();
            out.add(new DownstreamFitter.Point("m" + i, loss, e));
        }
        return out;
    }
}
