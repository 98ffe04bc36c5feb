package io.scalecast.core.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.scalecast.core.data.CheckpointPoint;
import io.scalecast.core.data.FamilyData;
import io.scalecast.core.data.SyntheticFamily;
import io.scalecast.core.law.ChinchillaLaw;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the fit does with data at the edges: one or two runs, identical points, extreme magnitudes. */
class EdgeCaseTest {

    private static final ChinchillaLaw TRUTH = new ChinchillaLaw(1.81724, 477.84, 2143.86, 0.347313, 0.367183);

    @Test
    void oneRunStillGivesAFiniteLawThatDescribesItsCurve() {
        FamilyData one = data(new double[] {3e8}, 0.005);

        ChinchillaFit fit = ChinchillaFitter.epoch().fit(one.params(), one.tokens(), one.loss());

        assertThat(fit.law().alpha()).isBetween(0.0, ChinchillaFitter.MAX_EXPONENT);
        for (int i = 0; i < one.size(); i++) {
            assertThat(fit.law().loss(one.params()[i], one.tokens()[i])).isCloseTo(one.loss()[i],
                    within(one.loss()[i] * 0.02));
        }
    }

    @Test
    void twoRunsBootstrapReportsItsFewRuns() {
        FamilyData two = data(new double[] {1e8, 3e8}, 0.005);
        ChinchillaFitter fitter = ChinchillaFitter.epoch();
        ChinchillaLaw point = fitter.fit(two.params(), two.tokens(), two.loss()).law();

        RunBootstrap.Draws<ChinchillaLaw> draws = new RunBootstrap(200, 1).run(fitter, two, ChinchillaPins.none(), point);

        assertThat(draws.runs()).isEqualTo(2);
        assertThat(draws.laws()).isNotEmpty();
        assertThat(draws.laws()).allSatisfy(l -> assertThat(l.alpha()).isBetween(0.0, ChinchillaFitter.MAX_EXPONENT));
    }

    @Test
    void identicalPointsGiveAFlatLawAtTheirLoss() {
        double[] n = new double[10];
        double[] d = new double[10];
        double[] l = new double[10];
        Arrays.fill(n, 1e8);
        Arrays.fill(d, 2e9);
        Arrays.fill(l, 3.2);

        ChinchillaFit fit = ChinchillaFitter.epoch().fit(n, d, l);

        assertThat(fit.law().loss(1e8, 2e9)).isCloseTo(3.2, within(1e-6));
        assertThat(fit.objective()).isLessThan(1e-12);
    }

    @Test
    void hugeAndTinyMagnitudesStayFinite() {
        double[] sizes = {1e3, 1e6, 1e9, 1e12, 1e14};
        FamilyData data = data(sizes, 0.002);

        ChinchillaFit fit = ChinchillaFitter.epoch().fit(data.params(), data.tokens(), data.loss());

        assertThat(Double.isFinite(fit.objective())).isTrue();
        assertThat(fit.law().loss(1e15, 3e16)).isCloseTo(TRUTH.loss(1e15, 3e16), within(0.02));
        assertThat(fit.law().loss(1e2, 3e3)).isCloseTo(TRUTH.loss(1e2, 3e3), within(TRUTH.loss(1e2, 3e3) * 0.05));
    }

    @Test
    void nonPositiveOrNonFiniteValuesAreRefusedWithTheirIndex() {
        double[] ok = {1e8, 2e8, 3e8, 4e8, 5e8};
        assertThatThrownBy(() -> ChinchillaFitter.epoch().fit(new double[] {1e8, 0, 3e8, 4e8, 5e8}, ok,
                new double[] {3, 3, 3, 3, 3})).hasMessageContaining("params[1]");
        assertThatThrownBy(() -> ChinchillaFitter.epoch().fit(ok, new double[] {1e9, 2e9, 3e9, 4e9,
                Double.POSITIVE_INFINITY}, new double[] {3, 3, 3, 3, 3})).hasMessageContaining("tokens[4]");
        assertThatThrownBy(() -> ChinchillaFitter.epoch().fit(ok, ok, new double[] {3, -3, 3, 3, 3}))
                .hasMessageContaining("loss[1]");
    }

    private static FamilyData data(double[] sizes, double noise) {
        List<CheckpointPoint> points = new SyntheticFamily(TRUTH, sizes, 30, 20, noise, 17).generate().stream()
                .map(c -> new CheckpointPoint(c.run(), c.params(), c.tokens(), c.loss())).toList();
        return FamilyData.of(points);
    }

    @Test
    void exponentsAtTheEndsOfTheUsableRangeAreReported() {
        assertThat(FitDiagnostics.atBound(Map.of("alpha", 0.0004, "beta", 0.37))).containsExactly("alpha");
        assertThat(FitDiagnostics.atBound(Map.of("beta", 2.9995))).containsExactly("beta");
    }
}
