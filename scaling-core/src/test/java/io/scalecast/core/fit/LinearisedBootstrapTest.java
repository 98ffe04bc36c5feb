package io.scalecast.core.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.scalecast.core.data.CheckpointPoint;
import io.scalecast.core.data.FamilyData;
import io.scalecast.core.data.SyntheticFamily;
import io.scalecast.core.law.ChinchillaLaw;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The one-step run bootstrap against refits of the very same resamples, on a synthetic family of 50 runs of 500
 * checkpoints each (25,000 points, where RunBootstrap starts stepping) with 1% noise.
 */
class LinearisedBootstrapTest {

    private static final ChinchillaLaw TRUTH = new ChinchillaLaw(1.69, 406.4, 410.7, 0.34, 0.28);
    private static final ChinchillaFitter FITTER = ChinchillaFitter.epoch().screening(450).searchingOn(2000);
    private static final FamilyData DATA = family(50, 500);
    private static final int RESAMPLES = 100;
    private static final ChinchillaLaw POINT = FITTER.fit(DATA.params(), DATA.tokens(), DATA.loss()).law();

    private static FamilyData family(int sizes, int checkpoints) {
        double[] n = IntStream.range(0, sizes).mapToDouble(k -> 2e7 * Math.pow(100, k / (sizes - 1.0))).toArray();
        return FamilyData.of(new SyntheticFamily(TRUTH, n, 30, checkpoints, 0.01, 3).generate().stream()
                .map(c -> new CheckpointPoint(c.run(), c.params(), c.tokens(), c.loss())).toList());
    }

    @Test
    void eachResampleStepsToWhereItsRefitLands() {
        Comparison c = compare(ChinchillaPins.none());

        c.agree("alpha", ChinchillaLaw::alpha);
        c.agree("beta", ChinchillaLaw::beta);
        c.agree("E", ChinchillaLaw::e);
        c.agree("loss at 70B, 1.4T", l -> l.loss(7e10, 1.4e12));
    }

    @Test
    void pinsAndPriorsEnterTheStepAsTheyEnterTheFit() {
        Comparison pinned = compare(ChinchillaPins.of(Map.of("E", 1.69)));
        pinned.agree("alpha", ChinchillaLaw::alpha);
        pinned.agree("beta", ChinchillaLaw::beta);
        assertThat(pinned.stepped()).allSatisfy(l -> assertThat(l.e()).isCloseTo(1.69, within(1e-12)));

        ChinchillaPins priors = ChinchillaPins.none().withPriors(ChinchillaPins.priorsOnParamsTerm(
                List.of(TRUTH, new ChinchillaLaw(1.69, 300, 410.7, 0.32, 0.28))), 1e-3);
        Comparison prior = compare(priors);
        prior.agree("alpha", ChinchillaLaw::alpha);
        prior.agree("loss at 70B, 1.4T", l -> l.loss(7e10, 1.4e12));
    }

    @Test
    void aResampleOfEveryRunOnceStaysAtThePointEstimate() {
        LinearisedBootstrap step = new LinearisedBootstrap(objective(), DATA, ChinchillaPins.none(), POINT);
        double[] once = new double[DATA.runs()];
        java.util.Arrays.fill(once, 1);

        ChinchillaLaw same = step.step(once).orElseThrow();

        assertThat(same.alpha()).isCloseTo(POINT.alpha(), within(1e-4));
        assertThat(same.beta()).isCloseTo(POINT.beta(), within(1e-4));
        assertThat(same.e()).isCloseTo(POINT.e(), within(1e-4));
    }

    @Test
    void runBootstrapStepsAboveItsThresholdOnly() {
        assertThat(RunBootstrap.linearised(DATA)).isFalse();
        assertThat(RunBootstrap.linearised(family(50, 501))).isTrue();
        assertThat(RunBootstrap.chinchilla(FITTER, family(50, 501), null, ChinchillaPins.none(), POINT))
                .isInstanceOf(LinearisedBootstrap.class);
    }

    private static ChinchillaObjective objective() {
        return FITTER.objective(DATA.params(), DATA.tokens(), DATA.loss());
    }

    private static Comparison compare(ChinchillaPins pins) {
        ChinchillaLaw point = pins == ChinchillaPins.none() ? POINT
                : FITTER.fit(DATA.params(), DATA.tokens(), DATA.loss(), null, pins).law();
        ChinchillaObjective base = objective();
        LinearisedBootstrap step = new LinearisedBootstrap(base, DATA, pins, point);
        List<Optional<ChinchillaLaw>> refits = IntStream.range(0, RESAMPLES).parallel().mapToObj(i -> {
            double[] weight = RunBootstrap.resampleWeights(DATA, null, pins, new SplittableRandom(i));
            return FITTER.refine(base.owning(weight), pins, point);
        }).toList();
        List<Optional<ChinchillaLaw>> steps = IntStream.range(0, RESAMPLES)
                .mapToObj(i -> step.fit(new SplittableRandom(i), point)).toList();
        return new Comparison(refits, steps);
    }

    /** Refits and steps of the same resamples, resample by resample. */
    private record Comparison(List<Optional<ChinchillaLaw>> refits, List<Optional<ChinchillaLaw>> steps) {

        List<ChinchillaLaw> stepped() {
            return steps.stream().flatMap(Optional::stream).toList();
        }

        /**
         * The quantity moves with the refits from resample to resample (correlation at least 0.97) and its 95%
         * interval is as wide as the refits' within a quarter.
         */
        void agree(String name, ToDoubleFunction<ChinchillaLaw> q) {
            assertThat(steps).as("every resample steps").allMatch(Optional::isPresent);
            double[] x = refits.stream().map(Optional::orElseThrow).mapToDouble(q).toArray();
            double[] y = steps.stream().map(Optional::orElseThrow).mapToDouble(q).toArray();
            assertThat(correlation(x, y)).as(name + ": correlation of steps and refits").isGreaterThan(0.97);
            Interval refit = Interval.percentile(x, 0.95);
            Interval stepped = Interval.percentile(y, 0.95);
            assertThat((stepped.upper() - stepped.lower()) / (refit.upper() - refit.lower()))
                    .as(name + ": width of the stepped interval " + stepped + " against the refitted " + refit)
                    .isBetween(0.75, 1.33);
        }

        private static double correlation(double[] x, double[] y) {
            double mx = mean(x);
            double my = mean(y);
            double sxy = 0;
            double sxx = 0;
            double syy = 0;
            for (int i = 0; i < x.length; i++) {
                sxy += (x[i] - mx) * (y[i] - my);
                sxx += (x[i] - mx) * (x[i] - mx);
                syy += (y[i] - my) * (y[i] - my);
            }
            return sxy / Math.sqrt(sxx * syy);
        }

        private static double mean(double[] v) {
            double sum = 0;
            for (double d : v) {
                sum += d;
            }
            return sum / v.length;
        }
    }
}
