package io.scalecast.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.scalecast.core.data.CheckpointPoint;
import io.scalecast.core.data.FamilyData;
import io.scalecast.core.data.SyntheticFamily;
import io.scalecast.core.fit.ChinchillaFit;
import io.scalecast.core.fit.ChinchillaFitter;
import io.scalecast.core.fit.ChinchillaPins;
import io.scalecast.core.fit.RunBootstrap;
import io.scalecast.core.law.ChinchillaLaw;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The comparison of two laws: its pieces on exact laws (the crossing, the p-values), and on synthetic families
 * fitted and bootstrapped as fit-service does, two families of one law called "cannot tell" and a family whose alpha
 * is 0.15 larger (its law equal at 100M parameters) told apart by the test of equal exponents.
 */
class LawComparisonTest {

    static final ChinchillaLaw HOFFMANN = new ChinchillaLaw(1.69, 406.4, 410.7, 0.34, 0.28);
    static final double[] SIZES = {2e7, 4e7, 8e7, 1.6e8, 3.2e8, 6.4e8};
    static final double[] MULTIPLIERS = {5, 40};
    static final double TARGET_N = 7e9;
    static final double TARGET_D = 1.4e11;

    record Fitted(ChinchillaLaw law, List<ChinchillaLaw> draws) {
    }

    static ChinchillaLaw steeper(double delta) {
        return new ChinchillaLaw(HOFFMANN.e(), HOFFMANN.a() * Math.pow(1e8, delta), HOFFMANN.b(),
                HOFFMANN.alpha() + delta, HOFFMANN.beta());
    }

    static Fitted fitted(ChinchillaLaw truth, long seed) {
        // Each size at 5 and 40 tokens per parameter: runs of one multiplier cannot tell alpha's term from beta's.
        List<CheckpointPoint> points = new ArrayList<>();
        for (double multiplier : MULTIPLIERS) {
            new SyntheticFamily(truth, SIZES, multiplier, 8, 0.01, seed * 100 + (long) multiplier).generate()
                    .forEach(c -> points.add(new CheckpointPoint(c.run() + "-m" + (int) multiplier, c.params(),
                            c.tokens(), c.loss())));
        }
        FamilyData data = FamilyData.of(points);
        ChinchillaFitter fitter = ChinchillaFitter.epoch();
        ChinchillaFit fit = fitter.fit(data.params(), data.tokens(), data.loss());
        return new Fitted(fit.law(), new RunBootstrap(200, seed).run(fitter, data, ChinchillaPins.none(), fit.law())
                .laws());
    }

    static LawComparison.Result compare(Fitted a, Fitted b) {
        return LawComparison.compare("base", a.law(), a.draws(), "recipe", b.law(), b.draws(), TARGET_N, TARGET_D);
    }

    @Test
    void theLawsCrossWhereTheirAParametersSayAndThePValuesCountDraws() {
        // The steeper law equals Hoffmann's at N = 1e8 in the A term alone, so along D = 20N they cross there.
        Double crossing = LawComparison.crossing(HOFFMANN, steeper(0.05), TARGET_N, 20, true);
        assertThat(crossing).isCloseTo(1e8, within(1e8 * 1e-6));
        assertThat(LawComparison.crossing(HOFFMANN, steeper(0.05), TARGET_N, 20, false)).isNull();
        assertThat(LawComparison.twoSidedP(new double[] {-1, 1, 2, 3})).isEqualTo(0.5);
        assertThat(LawComparison.twoSidedP(new double[] {1, 2, 3, 4})).isZero();
        // A bootstrap of few runs repeats a handful of laws: its spread cannot carry a call, however far apart.
        List<ChinchillaLaw> repeated = Collections.nCopies(30, HOFFMANN);
        List<ChinchillaLaw> far = Collections.nCopies(30, steeper(0.3));
        LawComparison.Result collapsed = LawComparison.compare("a", HOFFMANN, repeated, "b", steeper(0.3), far,
                TARGET_N, TARGET_D);
        assertThat(collapsed.verdict()).isEqualTo(LawComparison.Verdict.CANNOT_TELL);
        assertThat(collapsed.words()).startsWith("the bootstraps hold 1 distinct laws of a and 1 of b");
        assertThatThrownBy(() -> LawComparison.compare("a", HOFFMANN, List.of(HOFFMANN), "b", HOFFMANN,
                List.of(HOFFMANN), TARGET_N, TARGET_D)).hasMessageContaining("at least 20 bootstrap draws");
    }

    @Test
    void pairedDrawsGiveTheDifferencesIntervalAndPAndSayWhichIsLower() {
        double[] first = new double[51];
        double[] second = new double[51];
        for (int i = 0; i < 51; i++) {
            first[i] = 0.50 + 0.001 * i;
            second[i] = first[i] - 0.02 + (i % 2 == 0 ? 0.001 : -0.001);
        }
        second[7] = Double.NaN;

        LawComparison.Paired lower = LawComparison.Paired.of(first, second);

        assertThat(lower.draws()).isEqualTo(50);
        assertThat(lower.p()).isZero();
        assertThat(lower.interval().lower()).isCloseTo(-0.021, within(1e-9));
        assertThat(lower.interval().upper()).isCloseTo(-0.019, within(1e-9));
        assertThat(lower.words("avg17 error", "a", "b", -0.02)).isEqualTo("b's avg17 error minus a's is -0.0200"
                + " (95% interval -0.0210 to -0.0190, p < 0.020): b's is lower");
        double[] mixed = first.clone();
        for (int i = 0; i < mixed.length; i++) {
            mixed[i] += i % 2 == 0 ? 0.01 : -0.01;
        }
        LawComparison.Paired same = LawComparison.Paired.of(first, mixed);
        assertThat(same.p()).isGreaterThan(0.9);
        assertThat(same.words("loss", "a", "b", 0)).endsWith("the data cannot tell them apart");
        assertThat(LawComparison.Paired.of(new double[] {Double.NaN}, new double[] {1})).isNull();
        // Thirty draws all on one side bound p only by 1/30: too few to call a difference at 2.5%.
        LawComparison.Paired few = LawComparison.Paired.of(Arrays.copyOf(first, 30), Arrays.copyOf(first, 30));
        LawComparison.Paired fewLower = LawComparison.Paired.of(Arrays.copyOf(first, 6), Arrays.copyOf(second, 6));
        assertThat(few.words("loss", "a", "b", 0)).endsWith("the data cannot tell them apart");
        assertThat(fewLower.p()).isZero();
        assertThat(fewLower.words("loss", "a", "b", -0.02)).endsWith("too few draws to call it at 2.5%");
        assertThat(LawComparison.rejects(0, 30)).isFalse();
        assertThat(LawComparison.rejects(0, 50)).isTrue();
        assertThat(LawComparison.rejects(0.03, 1000)).isFalse();
    }

    @Test
    void familiesOfOneLawCannotBeToldApartAndASteeperOneIsToldApartByItsExponents() {
        Fitted base = fitted(HOFFMANN, 1);
        LawComparison.Result same = compare(base, fitted(HOFFMANN, 2));
        assertThat(same.verdict()).as(same.words()).isEqualTo(LawComparison.Verdict.CANNOT_TELL);
        assertThat(same.interval().contains(0)).isTrue();
        assertThat(same.words()).startsWith("the data cannot tell these laws apart");

        LawComparison.Result other = compare(base, fitted(steeper(0.15), 3));
        // Told apart by the exponents; 10x past the data the loss difference (true: -0.085) is still uncertain.
        assertThat(other.verdict()).as(other.words()).isIn(LawComparison.Verdict.SECOND_BETTER,
                LawComparison.Verdict.EXPONENTS_DIFFER);
        assertThat(other.exponentsP()).isLessThan(LawComparison.TEST_LEVEL);
        assertThat(other.exponentsSecond()[0]).isGreaterThan(other.exponentsFirst()[0]);
        assertThat(other.difference()).isNegative();
    }
}
