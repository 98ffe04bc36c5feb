package io.scalecast.core.fit;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalecast.core.data.CheckpointPoint;
import io.scalecast.core.data.FamilyData;
import io.scalecast.core.law.ChinchillaLaw;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdentifiabilityTest {

    private static final ChinchillaLaw TRUTH = new ChinchillaLaw(1.8, 480, 2100, 0.34, 0.28);
    private static final FitDiagnostics CLEAN = new FitDiagnostics(30, 100, 100, 90, 20, 1000, true, 0.99, 0.01, 5,
            0, List.of());

    /** Points of {@code sizes} model sizes, 5 checkpoints each. */
    private static FamilyData data(double... sizes) {
        List<CheckpointPoint> points = new ArrayList<>();
        for (double n : sizes) {
            for (int k = 1; k <= 5; k++) {
                double d = 4e9 * k;
                points.add(new CheckpointPoint("n" + n, n, d, TRUTH.loss(n, d)));
            }
        }
        return FamilyData.of(points);
    }

    @Test
    void aWellPosedFitHasNoWarning() {
        assertThat(Identifiability.chinchilla(data(1e8, 3e8, 1e9), TRUTH, CLEAN, ChinchillaPins.none(), List.of(),
                Map.of())).isEmpty();
    }

    @Test
    void twoModelSizesCannotIdentifyTheNTermUnlessAlphaIsPinned() {
        assertThat(Identifiability.chinchilla(data(1e8, 1e9), TRUTH, CLEAN, ChinchillaPins.none(), List.of(),
                Map.of())).singleElement().asString().contains("2 model sizes").contains("pin alpha or borrow");
        assertThat(Identifiability.chinchilla(data(1e8, 1e9), TRUTH, CLEAN, ChinchillaPins.of(Map.of("alpha", 0.34)),
                List.of(), Map.of())).isEmpty();
    }

    @Test
    void aBoundACollapsedEAndCollapsedDrawsAreEachNamed() {
        ChinchillaLaw collapsed = new ChinchillaLaw(1.1e-33, 480, 2100, 0.34, 0.28);
        FitDiagnostics atBound = new FitDiagnostics(30, 100, 100, 90, 20, 1000, true, 0.99, 0.01, 5, 0,
                List.of("beta"));

        List<String> warnings = Identifiability.chinchilla(data(1e8, 3e8, 1e9), collapsed, atBound,
                ChinchillaPins.none(), Collections.nCopies(100, collapsed), Map.of());

        assertThat(warnings).hasSize(3);
        assertThat(warnings.get(0)).startsWith("beta sits at a bound");
        assertThat(warnings.get(1)).contains("E = 1.10e-33 collapsed to zero");
        assertThat(warnings.get(2)).contains("the bootstrap collapsed: 1 distinct laws among 100 draws");
    }

    @Test
    void anIntervalWithTheEstimateAtItsEndIsOneSided() {
        List<String> warnings = Identifiability.chinchilla(data(1e8, 3e8, 1e9), TRUTH, CLEAN, ChinchillaPins.none(),
                List.of(), Map.of("E", new Interval(1.6, 1.8), "alpha", new Interval(0.3, 0.4)));

        assertThat(warnings).singleElement().asString().contains("interval of E, [1.600, 1.800], is one-sided");
    }

    @Test
    void aBacktestThatLosesToTheBestLossBaselineSaysSo() {
        assertThat(Identifiability.backtest(0.531, 0.104)).hasValueSatisfying(w -> assertThat(w)
                .contains("worse than not fitting at all: ARE 53.10% against 10.40%"));
        assertThat(Identifiability.backtest(0.02, 0.104)).isEmpty();
    }

    @Test
    void equallyGoodOptimaThatDisagreeAtTheTargetAreAFlatValley() {
        ChinchillaLaw other = new ChinchillaLaw(1.5, 2e6, 2100, 0.8, 0.28);
        double target = TRUTH.loss(1e11, 1e12);
        double there = other.loss(1e11, 1e12);

        assertThat(Identifiability.flatValley(List.of(TRUTH, other), l -> l.loss(1e11, 1e12), "the target"))
                .hasValueSatisfying(w -> assertThat(w).startsWith("a flat valley: 2 starts reach the best objective")
                        .contains(String.format(java.util.Locale.ROOT, "%.4g to %.4g at the target",
                                Math.min(target, there), Math.max(target, there)))
                        .contains("pin alpha or borrow"));
        assertThat(Identifiability.flatValley(List.of(TRUTH, TRUTH), l -> l.loss(1e11, 1e12), "the target"))
                .isEmpty();
        assertThat(Identifiability.flatValley(List.of(TRUTH), l -> l.loss(1e11, 1e12), "the target")).isEmpty();
    }
}
