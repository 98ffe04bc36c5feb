package io.scalecast.core.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.scalecast.core.data.CheckpointPoint;
import io.scalecast.core.data.FamilyData;
import io.scalecast.core.data.SyntheticFamily;
import io.scalecast.core.law.ChinchillaLaw;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Refits of a growing family: warm starts, the rules for the full search, and the rolling bootstrap. */
class WarmRefitTest {

    private static final ChinchillaLaw TRUTH = new ChinchillaLaw(1.81724, 477.84, 2143.86, 0.347313, 0.367183);
    private static final double[] SIZES = {2e7, 5e7, 1.2e8, 3e8, 7e8};
    private static final List<SyntheticFamily.Checkpoint> STREAM =
            new SyntheticFamily(TRUTH, SIZES, 30, 20, 0.01, 3).generate();
    private static final ChinchillaFitter FITTER = ChinchillaFitter.epoch();
    private static final SearchPolicy POLICY = new SearchPolicy(Duration.ofMinutes(30), 1.25);

    /** The family as it stood when each run had logged its first {@code steps} checkpoints. */
    private static FamilyData firstSteps(int steps) {
        List<Long> kept = STREAM.stream().map(SyntheticFamily.Checkpoint::step).distinct().sorted().limit(steps)
                .toList();
        return FamilyData.of(STREAM.stream().filter(c -> kept.contains(c.step()))
                .map(c -> new CheckpointPoint(c.run(), c.params(), c.tokens(), c.loss())).toList());
    }

    private static ChinchillaFit fit(ChinchillaFitter fitter, FamilyData data) {
        return fitter.fit(data.params(), data.tokens(), data.loss());
    }

    @Test
    void aWarmStartReachesTheFullSearchOptimumFromOneStart() {
        ChinchillaLaw earlier = fit(FITTER, firstSteps(14)).law();
        FamilyData now = firstSteps(20);

        ChinchillaFit warm = fit(FITTER.warmFrom(earlier), now);
        ChinchillaFit full = fit(FITTER, now);

        assertThat(warm.diagnostics().starts()).isEqualTo(1);
        assertThat(warm.diagnostics().converged()).isTrue();
        assertThat(warm.objective()).isCloseTo(full.objective(), within(1e-9 * full.objective()));
        double[] w = warm.law().toLogVector();
        double[] f = full.law().toLogVector();
        for (int k = 0; k < w.length; k++) {
            assertThat(w[k]).as("log parameter %d", k).isCloseTo(f[k], within(1e-4));
        }
        assertThat(warm.diagnostics().evaluations()).isLessThan(full.diagnostics().evaluations() / 100);
    }

    @Test
    void aSearchOnASubsampleRefinedOnAllPointsFindsTheFullSearchOptimum() {
        FamilyData data = FamilyData.of(new SyntheticFamily(TRUTH, new double[] {2e7, 5e7, 1.2e8, 3e8, 7e8, 1.5e9}, 30,
                150, 0.005, 9).generate().stream()
                .map(c -> new CheckpointPoint(c.run(), c.params(), c.tokens(), c.loss())).toList());

        ChinchillaFit full = fit(FITTER, data);
        ChinchillaFit sub = fit(FITTER.searchingOn(150), data);

        assertThat(sub.diagnostics().starts()).isEqualTo(full.diagnostics().starts());
        assertThat(sub.diagnostics().points()).isEqualTo(900);
        assertThat(sub.objective()).isCloseTo(full.objective(), within(1e-9 * full.objective()));
        double[] a = sub.law().toLogVector();
        double[] b = full.law().toLogVector();
        for (int k = 0; k < a.length; k++) {
            assertThat(a[k]).as("log parameter %d", k).isCloseTo(b[k], within(1e-5));
        }
    }

    @Test
    void aLongFamilysLeadersAreRefinedOnASubsampleAndTheBestPolishedOnEveryPoint() {
        // 30,000 points: above REFINING_POINTS, so the leaders of the 250-point search descend on 25,000 first.
        FamilyData data = FamilyData.of(new SyntheticFamily(TRUTH, new double[] {2e7, 5e7, 1.2e8, 3e8, 7e8, 1.5e9}, 30,
                5000, 0.005, 9).generate().stream()
                .map(c -> new CheckpointPoint(c.run(), c.params(), c.tokens(), c.loss())).toList());
        assertThat(data.size()).isGreaterThan(ChinchillaFitter.REFINING_POINTS);

        ChinchillaFit fit = fit(FITTER.searchingOn(250).screening(450), data);
        // The optimum of every point, reached by one descent from the true law.
        ChinchillaLaw fromTruth = FITTER.refine(data.params(), data.tokens(), data.loss(), null, ChinchillaPins.none(),
                TRUTH).orElseThrow();
        double truthObjective = FITTER.objective(data.params(), data.tokens(), data.loss())
                .valueAndGradient(fromTruth.toLogVector(), new double[5]);

        assertThat(fit.diagnostics().points()).isEqualTo(30_000);
        assertThat(fit.objective()).isCloseTo(truthObjective, within(1e-8 * truthObjective));
        // The valley is flat along A and alpha on 30,000 points: the two descents stop a little apart on its floor.
        double[] a = fit.law().toLogVector();
        double[] b = fromTruth.toLogVector();
        for (int k = 0; k < a.length; k++) {
            assertThat(a[k]).as("log parameter %d", k).isCloseTo(b[k], within(1e-3));
        }
        double far = fromTruth.loss(1e10, 2e11);
        assertThat(fit.law().loss(1e10, 2e11)).isCloseTo(far, within(1e-5 * far));
    }

    @Test
    void theFullSearchRunsWithoutAPreviousFitOnOtherRunsOrConfigurationAndOnSchedule() {
        Instant t = Instant.parse("2026-11-30T10:00:00Z");
        List<String> runs = firstSteps(20).runNames();
        SearchPolicy.Previous<ChinchillaLaw> previous = new SearchPolicy.Previous<>(TRUTH, 1e-4, runs, 3, t, null);

        assertThat(POLICY.before(null, runs, 3, t)).hasValueSatisfying(r -> assertThat(r).contains("no earlier fit"));
        assertThat(POLICY.before(previous, runs, 4, t)).hasValueSatisfying(r -> assertThat(r).contains("configuration"));
        assertThat(POLICY.before(previous, runs.subList(0, 4), 3, t))
                .hasValueSatisfying(r -> assertThat(r).contains("runs changed from 5 to 4"));
        assertThat(POLICY.before(previous, runs, 3, t.plus(Duration.ofMinutes(29)))).isEmpty();
        assertThat(POLICY.before(previous, runs, 3, t.plus(Duration.ofMinutes(31))))
                .hasValueSatisfying(r -> assertThat(r).contains("scheduled").contains("1860 s ago"));
    }

    @Test
    void aWarmResultThatFitsClearlyWorseIsDistrusted() {
        FamilyData now = firstSteps(20);
        ChinchillaFit warm = fit(FITTER.warmFrom(TRUTH), now);
        double mean = warm.objective() / now.size();
        List<String> runs = now.runNames();

        assertThat(POLICY.after(new SearchPolicy.Previous<>(TRUTH, mean, runs, 1, Instant.EPOCH, null),
                warm.diagnostics().converged(), mean)).isEmpty();
        assertThat(POLICY.after(new SearchPolicy.Previous<>(TRUTH, mean / 2, runs, 1, Instant.EPOCH, null),
                warm.diagnostics().converged(), mean))
                .hasValueSatisfying(r -> assertThat(r).contains("fits worse").contains("2.00x"));
    }

    @Test
    void aFirstRefreshOfEveryDrawIsTheColdBootstrap() {
        FamilyData data = firstSteps(20);
        ChinchillaLaw point = fit(FITTER, data).law();

        RunBootstrap.Draws<ChinchillaLaw> cold = new RunBootstrap(100, 7).run(FITTER, data, ChinchillaPins.none(), point);
        RollingBootstrap.Refresh<ChinchillaLaw> rolled = rolling(100, 7, data.runNames())
                .refresh(resample(data, point), data, point, 100, 0);

        assertThat(rolled.refreshed()).isEqualTo(100);
        assertThat(rolled.draws().laws()).hasSameSizeAs(cold.laws());
        Interval a = cold.interval(ChinchillaLaw::alpha);
        Interval b = rolled.draws().interval(ChinchillaLaw::alpha);
        assertThat(b.lower()).isCloseTo(a.lower(), within(1e-9));
        assertThat(b.upper()).isCloseTo(a.upper(), within(1e-9));
    }

    @Test
    void refreshesSpendTheirBudgetOnTheOldestDrawsAndACycleEqualsAColdBootstrap() {
        FamilyData earlier = firstSteps(14);
        FamilyData now = firstSteps(20);
        ChinchillaLaw before = fit(FITTER, earlier).law();
        ChinchillaLaw point = fit(FITTER.warmFrom(before), now).law();
        RollingBootstrap<ChinchillaLaw> rolling = rolling(60, 5, earlier.runNames());
        rolling.refresh(resample(earlier, before), earlier, before, 60, 0);

        RollingBootstrap.Refresh<ChinchillaLaw> partial = rolling.refresh(resample(now, point), now, point, 10, 0);
        assertThat(partial.refreshed()).isBetween(10, 10 + 2 * Runtime.getRuntime().availableProcessors());
        assertThat(partial.draws().requested()).isEqualTo(60);
        Interval moved = partial.draws().interval(ChinchillaLaw::alpha);
        assertThat(moved.lower()).isLessThan(point.alpha());
        assertThat(moved.upper()).isGreaterThan(point.alpha());

        RollingBootstrap.Refresh<ChinchillaLaw> cycled = rolling.refresh(resample(now, point), now, point,
                60 - partial.refreshed(), 0);
        assertThat(partial.refreshed() + cycled.refreshed()).isGreaterThanOrEqualTo(60);
        RunBootstrap.Draws<ChinchillaLaw> cold = new RunBootstrap(60, 5).run(FITTER, now, ChinchillaPins.none(), point);
        Interval a = cold.interval(ChinchillaLaw::alpha);
        Interval b = cycled.draws().interval(ChinchillaLaw::alpha);
        assertThat(b.lower()).isCloseTo(a.lower(), within(1e-5));
        assertThat(b.upper()).isCloseTo(a.upper(), within(1e-5));
    }

    @Test
    void withoutTimeToSpareARefreshFitsExactlyTheMinimum() {
        FamilyData data = firstSteps(20);
        ChinchillaLaw point = fit(FITTER, data).law();
        RollingBootstrap<ChinchillaLaw> rolling = rolling(20, 3, data.runNames());
        rolling.refresh(resample(data, point), data, point, 20, System.nanoTime());

        for (int k = 0; k < 3; k++) {
            assertThat(rolling.refresh(resample(data, point), data, point, 1, System.nanoTime())
                    .refreshed()).isEqualTo(1);
        }
        RollingBootstrap.Refresh<ChinchillaLaw> rest = rolling.refresh(resample(data, point), data, point, 17,
                System.nanoTime());

        assertThat(rest.refreshed()).isEqualTo(17);
        assertThat(rest.draws().laws()).hasSize(20);
    }

    /** A run that grew by half (by at least 3 points) since the bootstrap began makes it outgrown. */
    @Test
    void aBootstrapBegunWhileARunHadAFractionOfItsPointsStopsServingOnceTheRunOutgrowsThem() {
        List<CheckpointPoint> all = points(firstSteps(20));
        String last = firstSteps(20).runNames().get(4);
        FamilyData partial = FamilyData.of(withFirstOfRun(all, last, 5));
        FamilyData most = FamilyData.of(withFirstOfRun(all, last, 14));
        FamilyData full = FamilyData.of(all);

        assertThat(rolling(10, 1, partial).serves(partial, 10)).isTrue();
        assertThat(rolling(10, 1, partial).serves(full, 10)).isFalse();
        // LiveRefitFlow once served an interval 2.7 times too wide from draws fitted while its largest run had 5 of
        // its 12 points.
        assertThat(rolling(10, 1, partial).serves(FamilyData.of(withFirstOfRun(all, last, 12)), 10)).isFalse();
        assertThat(rolling(10, 1, most).serves(full, 10)).isTrue();
        assertThat(rolling(10, 1, FamilyData.of(withFirstOfRun(all, last, 1)))
                .serves(FamilyData.of(withFirstOfRun(all, last, 3)), 10)).as("2 more points are not news").isTrue();
    }

    private static RunBootstrap.Resample<ChinchillaLaw> resample(FamilyData data, ChinchillaLaw point) {
        return RunBootstrap.chinchilla(FITTER, data, null, ChinchillaPins.none(), point);
    }

    private static RollingBootstrap<ChinchillaLaw> rolling(int resamples, long seed, List<String> runs) {
        return new RollingBootstrap<>(resamples, seed, runs, LogForm.CHINCHILLA);
    }

    private static RollingBootstrap<ChinchillaLaw> rolling(int resamples, long seed, FamilyData data) {
        return new RollingBootstrap<>(resamples, seed, data, LogForm.CHINCHILLA);
    }

    private static List<CheckpointPoint> points(FamilyData data) {
        return IntStream.range(0, data.size()).mapToObj(i -> new CheckpointPoint(
                data.runNames().get(data.runIndex()[i]), data.params()[i], data.tokens()[i], data.loss()[i])).toList();
    }

    /** The points, with only the first {@code keep} of {@code run}'s. */
    private static List<CheckpointPoint> withFirstOfRun(List<CheckpointPoint> all, String run, int keep) {
        int[] seen = {0};
        return all.stream().filter(p -> !p.run().equals(run) || seen[0]++ < keep).toList();
    }

    @Test
    void aBootstrapServesOnlyTheRunsItDrawsFrom() {
        FamilyData data = firstSteps(20);
        RollingBootstrap<ChinchillaLaw> rolling = rolling(10, 1, data.runNames().subList(0, 4));

        assertThat(rolling.serves(data, 10)).isFalse();
        assertThat(rolling(10, 1, data.runNames()).serves(data, 10)).isTrue();
        assertThat(rolling(10, 1, data.runNames()).serves(data, 20)).isFalse();
    }
}
