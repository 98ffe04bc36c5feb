package io.scalecast.core.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.scalecast.core.data.CheckpointPoint;
import io.scalecast.core.data.FamilyData;
import io.scalecast.core.data.SyntheticFamily;
import io.scalecast.core.law.ChinchillaLaw;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Hitchhiker's reduced form: three free parameters recovered from two model sizes when the law has the form. */
class ReducedFormTest {

    private static FamilyData family(ChinchillaLaw law, double[] sizes) {
        List<CheckpointPoint> points = new SyntheticFamily(law, sizes, 30, 20, 0.002, 7).generate().stream()
                .map(c -> new CheckpointPoint(c.run(), c.params(), c.tokens(), c.loss())).toList();
        return FamilyData.of(points);
    }

    @Test
    void tiedExponentsRecoverALawOfThatFormFromTwoSizes() {
        ChinchillaPins tied = ChinchillaPins.form("tied-exponents");
        ChinchillaLaw truth = ChinchillaLaw.fromLogVector(tied.expand(new double[] {6.0, 7.5, 0.6}));
        assertThat(truth.alpha()).isCloseTo(0.0116280 + 0.05004588 * 6.0, within(1e-12));
        assertThat(truth.beta()).isCloseTo(0.23710262 + 0.03844353 * 7.5, within(1e-12));
        FamilyData data = family(truth, new double[] {1e8, 3e8});

        ChinchillaFit fit = ChinchillaFitter.epoch().fit(data.params(), data.tokens(), data.loss(), null, tied);

        assertThat(fit.form()).isEqualTo("tied-exponents");
        assertThat(fit.freeParameters()).isEqualTo(3);
        assertThat(fit.pinned()).isEmpty();
        assertThat(fit.law().e()).isCloseTo(truth.e(), within(0.02 * truth.e()));
        assertThat(fit.law().alpha()).isCloseTo(truth.alpha(), within(0.02));
        assertThat(fit.law().beta()).isCloseTo(truth.beta(), within(0.02));
        assertThat(fit.law().loss(7e9, 1.4e12)).isCloseTo(truth.loss(7e9, 1.4e12), within(0.01 * truth.e()));
    }

    @Test
    void projectionIsExactOnTheFormAndPinsStayPins() {
        for (String form : ChinchillaPins.FORMS) {
            ChinchillaPins p = ChinchillaPins.form(form);
            double[] x = p.expand(p.project(new double[] {6.1, 7.6, 0.59, 0.33, 0.36}));
            assertThat(p.expand(p.project(x))).containsExactly(x, within(1e-9));
        }
        ChinchillaPins pinned = ChinchillaPins.of(Map.of("alpha", 0.34));
        assertThat(pinned.form()).isEqualTo("pinned");
        assertThat(pinned.expand(new double[] {1, 2, 3, 4})).containsExactly(1, 2, 3, 0.34, 4);
        assertThat(pinned.project(new double[] {1, 2, 3, 0.5, 4})).containsExactly(1, 2, 3, 4);
        assertThatThrownBy(() -> ChinchillaPins.form("quadratic")).hasMessageContaining("form must be one of");
    }
}
