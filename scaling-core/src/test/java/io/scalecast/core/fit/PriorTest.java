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

/** Gaussian priors borrowed from another family: a soft version of pinning that keeps all five parameters free. */
class PriorTest {

    private static final ChinchillaLaw TRUTH = new ChinchillaLaw(1.81724, 477.84, 2143.86, 0.347313, 0.367183);
    private static final ChinchillaFitter FITTER = ChinchillaFitter.epoch();

    private static FamilyData family(double[] sizes) {
        List<CheckpointPoint> points = new SyntheticFamily(TRUTH, sizes, 30, 20, 0.002, 1).generate().stream()
                .map(c -> new CheckpointPoint(c.run(), c.params(), c.tokens(), c.loss())).toList();
        return FamilyData.of(points);
    }

    private static ChinchillaFit fit(FamilyData d, List<ChinchillaPins.Prior> priors) {
        ChinchillaPins pins = FITTER.withCalibratedPriors(d.params(), d.tokens(), d.loss(), null,
                ChinchillaPins.none(), priors);
        return FITTER.fit(d.params(), d.tokens(), d.loss(), null, pins);
    }

    @Test
    void aPriorOnTheParameterTermFromADonorPredictsATenTimesLargerModelFromTwoSizes() {
        FamilyData thin = family(new double[] {1e8, 3e8});
        List<ChinchillaPins.Prior> donor = List.of(new ChinchillaPins.Prior("A", 477.84, 0.05),
                new ChinchillaPins.Prior("alpha", 0.347313, 0.005));

        ChinchillaFit fit = fit(thin, donor);

        assertThat(fit.freeParameters()).isEqualTo(5);
        assertThat(fit.priors()).hasSize(2);
        assertThat(fit.pinned()).isEmpty();
        double truth = TRUTH.loss(3e9, 90e9);
        assertThat(fit.law().loss(3e9, 90e9)).isCloseTo(truth, within(0.005 * truth));
        assertThat(fit.law().alpha()).isCloseTo(0.347313, within(0.02));
        double freeError = Math.abs(FITTER.fit(thin.params(), thin.tokens(), thin.loss()).law().loss(3e9, 90e9) - truth);
        // Without the prior the same two sizes miss by about 7%.
        assertThat(freeError).isGreaterThan(10 * Math.abs(fit.law().loss(3e9, 90e9) - truth));
    }

    @Test
    void aWidePriorLeavesAWellDeterminedFitAsItIs() {
        FamilyData rich = family(new double[] {5e7, 1e8, 2e8, 4e8, 8e8});
        ChinchillaFit free = FITTER.fit(rich.params(), rich.tokens(), rich.loss());

        ChinchillaFit wide = fit(rich, List.of(new ChinchillaPins.Prior("alpha", 0.1, 100)));

        assertThat(wide.law().alpha()).isCloseTo(free.law().alpha(), within(1e-3));
        assertThat(wide.law().e()).isCloseTo(free.law().e(), within(1e-3));
    }

    @Test
    void aTightPriorHoldsItsParameterNearItsMean() {
        FamilyData rich = family(new double[] {5e7, 1e8, 2e8, 4e8, 8e8});

        ChinchillaFit tight = fit(rich, List.of(new ChinchillaPins.Prior("alpha", 0.45, 1e-4)));

        assertThat(tight.law().alpha()).isCloseTo(0.45, within(1e-3));
    }

    @Test
    void refusesAPriorOnAPinnedParameterAndBadSpreads() {
        ChinchillaPins pinned = ChinchillaPins.of(Map.of("alpha", 0.34));
        assertThatThrownBy(() -> pinned.withPriors(List.of(new ChinchillaPins.Prior("alpha", 0.3, 0.1)), 1))
                .hasMessageContaining("prior alpha: the parameter is pinned");
        assertThatThrownBy(() -> new ChinchillaPins.Prior("beta", 0.3, 0)).hasMessageContaining("sd must be");
        assertThatThrownBy(() -> new ChinchillaPins.Prior("A", -1, 0.1)).hasMessageContaining("> 0");
        assertThatThrownBy(() -> new ChinchillaPins.Prior("gamma", 1, 0.1)).hasMessageContaining("unknown");
    }
}
