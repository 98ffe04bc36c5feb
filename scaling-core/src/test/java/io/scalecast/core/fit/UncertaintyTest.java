package io.scalecast.core.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.scalecast.core.data.CheckpointPoint;
import io.scalecast.core.data.FamilyData;
import io.scalecast.core.data.SyntheticFamily;
import io.scalecast.core.data.TokenCut;
import io.scalecast.core.law.ChinchillaLaw;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pinned parameters, the run-level bootstrap and the Hitchhiker back-test on data with known answers. */
class UncertaintyTest {

    private static final ChinchillaLaw TRUTH = new ChinchillaLaw(1.81724, 477.84, 2143.86, 0.347313, 0.367183);

    private static List<CheckpointPoint> family(double[] sizes, double noise, long seed) {
        return new SyntheticFamily(TRUTH, sizes, 30, 20, noise, seed).generate().stream()
                .map(c -> new CheckpointPoint(c.run(), c.params(), c.tokens(), c.loss())).toList();
    }

    @Test
    void pinningTheParameterTermFitsTheRestAndCollapsesTheGrid() {
        FamilyData data = FamilyData.of(family(new double[] {1e8, 3e8}, 0.002, 1));
        ChinchillaPins pins = ChinchillaPins.borrowParamsTerm(TRUTH);

        ChinchillaFit fit = ChinchillaFitter.epoch().fit(data.params(), data.tokens(), data.loss(), null, pins);

        assertThat(fit.freeParameters()).isEqualTo(3);
        assertThat(fit.pinned()).containsEntry("A", TRUTH.a()).containsEntry("alpha", TRUTH.alpha());
        assertThat(fit.law().a()).isCloseTo(TRUTH.a(), within(1e-9));
        assertThat(fit.law().alpha()).isEqualTo(TRUTH.alpha());
        assertThat(fit.diagnostics().starts()).isEqualTo(6 * 5 * 5);
        assertThat(fit.law().beta()).isCloseTo(TRUTH.beta(), within(0.02));
        assertThat(fit.law().e()).isCloseTo(TRUTH.e(), within(0.05));
        // Two sizes alone cannot tell the N-term apart; with it borrowed, a 10x larger model is predicted well.
        double far = TRUTH.loss(3e9, 9e10);
        assertThat(fit.law().loss(3e9, 9e10)).isCloseTo(far, within(far * 0.005));
    }

    @Test
    void refusesBadPinsNamingTheParameter() {
        assertThatThrownBy(() -> ChinchillaPins.of(Map.of("gamma", 1.0))).hasMessageContaining("pin gamma");
        assertThatThrownBy(() -> ChinchillaPins.of(Map.of("A", -1.0))).hasMessageContaining("pin A");
        assertThatThrownBy(() -> ChinchillaPins.of(Map.of("beta", 7.0))).hasMessageContaining("pin beta");
        assertThatThrownBy(() -> ChinchillaPins.of(Map.of("A", 1.0, "B", 1.0, "E", 1.0, "alpha", 0.3, "beta", 0.3)))
                .hasMessageContaining("at least one parameter must stay free");
    }

    @Test
    void runBootstrapIntervalsCoverTheTruthAndNarrowWithMoreRuns() {
        FamilyData few = FamilyData.of(family(new double[] {2e7, 5e7, 1.2e8, 3e8, 7e8}, 0.01, 11));
        FamilyData many = FamilyData.of(family(new double[] {2e7, 3e7, 5e7, 8e7, 1.2e8, 2e8, 3e8, 5e8, 7e8, 1e9},
                0.01, 11));
        ChinchillaFitter fitter = ChinchillaFitter.epoch();
        double n = 7e9;
        double d = 1.4e11;

        RunBootstrap.Draws<ChinchillaLaw> fewDraws = bootstrap(fitter, few);
        RunBootstrap.Draws<ChinchillaLaw> manyDraws = bootstrap(fitter, many);

        Interval fewLoss = fewDraws.interval(l -> l.loss(n, d));
        Interval manyLoss = manyDraws.interval(l -> l.loss(n, d));
        assertThat(fewLoss.contains(TRUTH.loss(n, d))).as("%s covers %s", fewLoss, TRUTH.loss(n, d)).isTrue();
        assertThat(manyLoss.contains(TRUTH.loss(n, d))).as("%s covers %s", manyLoss, TRUTH.loss(n, d)).isTrue();
        assertThat(manyLoss.upper() - manyLoss.lower()).isLessThan(fewLoss.upper() - fewLoss.lower());
        assertThat(fewDraws.laws().size() + fewDraws.failed()).isEqualTo(300);
        assertThat(fewDraws.failed()).isLessThan(30);
        assertThat(fewDraws.runs()).isEqualTo(5);
    }

    @Test
    void reproducesEpochsBootstrapIntervalsOnThe240Points() {
        ChinchillaData epoch = ChinchillaData.epoch240();
        List<CheckpointPoint> points = new java.util.ArrayList<>();
        for (int i = 0; i < epoch.loss.length; i++) {
            // Each of Epoch's points is the final loss of its own run, so resampling runs resamples points.
            points.add(new CheckpointPoint("run-" + i, epoch.params[i], epoch.tokens[i], epoch.loss[i]));
        }
        FamilyData data = FamilyData.of(points);
        ChinchillaFitter fitter = ChinchillaFitter.epoch();
        ChinchillaLaw point = fitter.fit(data.params(), data.tokens(), data.loss()).law();

        RunBootstrap.Draws<ChinchillaLaw> draws = new RunBootstrap(RunBootstrap.DEFAULT_RESAMPLES, 1).run(fitter, data,
                ChinchillaPins.none(), point);

        // Epoch (4,000 resamples, 95% percentile intervals): A (285, 744), B (1042, 5810), E (1.769, 1.871),
        // alpha (0.317, 0.373), beta (0.331, 0.415). 1,000 resamples carry a few percent of Monte Carlo error.
        assertInterval(draws.interval(ChinchillaLaw::a), 285, 744, 0.08);
        assertInterval(draws.interval(ChinchillaLaw::b), 1042, 5810, 0.15);
        assertInterval(draws.interval(ChinchillaLaw::e), 1.769, 1.871, 0.005);
        assertInterval(draws.interval(ChinchillaLaw::alpha), 0.317, 0.373, 0.02);
        assertInterval(draws.interval(ChinchillaLaw::beta), 0.331, 0.415, 0.02);
        assertThat(draws.failed()).isZero();
    }

    private static void assertInterval(Interval actual, double lower, double upper, double relative) {
        assertThat(actual.lower()).isCloseTo(lower, within(lower * relative));
        assertThat(actual.upper()).isCloseTo(upper, within(upper * relative));
    }

    @Test
    void theBootstrapIsReproducibleForASeed() {
        FamilyData data = FamilyData.of(family(new double[] {2e7, 5e7, 1.2e8, 3e8, 7e8}, 0.01, 3));
        ChinchillaFitter fitter = ChinchillaFitter.epoch();
        ChinchillaLaw point = fitter.fit(data.params(), data.tokens(), data.loss()).law();

        RunBootstrap.Draws<ChinchillaLaw> a = new RunBootstrap(50, 9).run(fitter, data, ChinchillaPins.none(), point);
        RunBootstrap.Draws<ChinchillaLaw> b = new RunBootstrap(50, 9).run(fitter, data, ChinchillaPins.none(), point);

        assertThat(a.laws()).isEqualTo(b.laws());
    }

    @Test
    void backtestOfAFamilyThatFollowsItsLawBeatsTheBaselines() {
        List<CheckpointPoint> points = family(new double[] {2e7, 5e7, 1.2e8, 3e8, 7e8}, 0.005, 5);

        HitchhikerBacktest.Result r = HitchhikerBacktest.run(ChinchillaFitter.epoch(), points, TokenCut.HITCHHIKER,
                ChinchillaPins.none(), 3);

        assertThat(r.targetRun()).isEqualTo(SyntheticFamily.runName(7e8));
        assertThat(r.trainRuns()).isEqualTo(4);
        assertThat(r.targetPoints()).isEqualTo(7);
        assertThat(r.are()).isLessThan(0.02);
        assertThat(r.bestLossBaseline()).isGreaterThan(r.are());
        assertThat(r.mostTrainedBaseline()).isGreaterThan(r.are());
    }

    @Test
    void backtestNeedsEnoughTrainingRuns() {
        List<CheckpointPoint> points = family(new double[] {1e8, 3e8}, 0.005, 5);

        assertThatThrownBy(() -> HitchhikerBacktest.run(ChinchillaFitter.epoch(), points, TokenCut.HITCHHIKER,
                ChinchillaPins.none(), 3)).hasMessageContaining("at least 3 training runs");
    }

    private static RunBootstrap.Draws<ChinchillaLaw> bootstrap(ChinchillaFitter fitter, FamilyData data) {
        ChinchillaLaw point = fitter.fit(data.params(), data.tokens(), data.loss()).law();
        return new RunBootstrap(300, 42).run(fitter, data, ChinchillaPins.none(), point);
    }
}
