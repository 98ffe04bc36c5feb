package io.scalecast.core.law;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.scalecast.contracts.event.FittedLaw;
import io.scalecast.contracts.event.RunForecast;
import io.scalecast.core.fit.Interval;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each law's codec: its names, vector and draw layout, and the law answering its queries, as published. */
class LawKindTest {

    private static final ChinchillaLaw EPOCH = new ChinchillaLaw(1.81724, 477.84, 2143.86, 0.347313, 0.367183);
    private static final OvertrainingLaw GADRE = new OvertrainingLaw(1.9, 120.0, 8000.0, -0.28);

    @Test
    void everyKindIsKnownByItsWireName() {
        assertThat(LawKind.of(FittedLaw.CHINCHILLA)).contains(LawKind.CHINCHILLA);
        assertThat(LawKind.of(FittedLaw.POWER_COMPUTE)).contains(LawKind.POWER_COMPUTE);
        assertThat(LawKind.of(FittedLaw.OVERTRAINING)).contains(LawKind.OVERTRAINING);
        assertThat(LawKind.of("schedule")).isEmpty();
        assertThat(LawKind.answering(LawKind.Answers.LOSS_IN_PARAMS_AND_TOKENS))
                .containsExactly("chinchilla", "overtraining");
        assertThat(LawKind.answering(LawKind.Answers.LOSS_IN_COMPUTE)).containsExactly("power-compute");
        assertThat(LawKind.of(RunForecast.ANNEALING)).contains(LawKind.LR_ANNEALING);
        assertThat(LawKind.answering(LawKind.Answers.LOSS_ALONG_A_RUN)).containsExactly("lr-annealing", "multi-power");
    }

    @Test
    void theRunLawsArePublishedByNameAndDrawnAsTheirVectors() {
        TissueLaw annealing = new TissueLaw(3.2, 0.55, 0.8, 0.4, 0.99, false);
        LawCodec<TissueLaw, TissueLaw> codec = LawKind.annealing();
        assertThat(codec.named(annealing)).containsExactly(Map.entry("L0", 3.2), Map.entry("A", 0.55),
                Map.entry("alpha", 0.8), Map.entry("C", 0.4));
        assertThat(codec.fromNamed(codec.named(annealing)).withConvention(0.99, false)).isEqualTo(annealing);
        assertThat(codec.fromDraw(codec.draw(annealing)).withConvention(0.99, false)).isEqualTo(annealing);
        assertThat(codec.fromDraw(codec.draw(annealing)).lambda()).as("read under the default convention")
                .isEqualTo(0.999);
        MultiPowerLaw multiPower = new MultiPowerLaw(3.04, 0.52, 0.51, 364, 2.07, 0.58, 0.64);
        assertThat(LawKind.multiPower().named(multiPower).keySet())
                .containsExactly("L0", "A", "alpha", "B", "C", "beta", "gamma");
        assertThat(LawKind.multiPower().fromNamed(LawKind.multiPower().named(multiPower))).isEqualTo(multiPower);
        assertThat(LawKind.multiPower().drawSize()).isEqualTo(7);
        assertThatThrownBy(LawKind.LR_ANNEALING::inParamsAndTokens).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lr-annealing");
    }

    @Test
    void theChinchillaLawIsPublishedByNameAndDrawnAsItsVector() {
        LawCodec<ChinchillaLaw, ChinchillaLaw> codec = LawKind.chinchilla();
        Map<String, Double> named = codec.named(EPOCH);
        assertThat(named.keySet()).containsExactly("E", "A", "B", "alpha", "beta");
        assertThat(named).isEqualTo(EPOCH.named());
        assertThat(codec.fromNamed(named)).isEqualTo(EPOCH);
        assertThat(codec.draw(EPOCH)).containsExactly(1.81724, 477.84, 2143.86, 0.347313, 0.367183);
        assertThat(codec.fromDraw(EPOCH.toVector())).isEqualTo(EPOCH);
        assertThat(LawKind.CHINCHILLA.inParamsAndTokens().queryOf(named).loss(7e10, 1.4e12))
                .isEqualTo(EPOCH.loss(7e10, 1.4e12));
    }

    @Test
    void theOvertrainingLawIsPublishedInItsOwnNamesAndAnswersInChinchillaForm() {
        LawCodec<OvertrainingLaw, ChinchillaLaw> codec = LawKind.overtraining();
        Map<String, Double> named = codec.named(GADRE);
        assertThat(named).containsExactly(Map.entry("E", 1.9), Map.entry("a", 120.0), Map.entry("b", 8000.0),
                Map.entry("p", -0.28));
        ChinchillaLaw answering = LawKind.OVERTRAINING.inParamsAndTokens().queryOf(named);
        assertThat(answering).isEqualTo(GADRE.toChinchilla());
        // D = M·N: the Chinchilla form gives the law's own loss.
        assertThat(answering.loss(1.4e9, 20 * 1.4e9)).isCloseTo(GADRE.loss(1.4e9, 20), within(1e-12));
        assertThat(codec.draws(List.of(GADRE))).singleElement()
                .satisfies(d -> assertThat(d).containsExactly(GADRE.toChinchilla().toVector()));
        assertThat(codec.drawSize()).isEqualTo(5);
    }

    @Test
    void thePowerLawInComputeAnswersOnlyInCompute() {
        PowerLaw law = new PowerLaw(1.7, 1500.0, 0.155);
        LawCodec<PowerLaw, PowerLaw> codec = LawKind.powerCompute();
        assertThat(codec.named(law)).containsExactly(Map.entry("E", 1.7), Map.entry("A", 1500.0),
                Map.entry("alpha", 0.155));
        assertThat(LawKind.POWER_COMPUTE.inCompute().fromDraw(codec.draw(law))).isEqualTo(law);
        assertThatThrownBy(LawKind.POWER_COMPUTE::inParamsAndTokens).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("power-compute");
        assertThatThrownBy(LawKind.CHINCHILLA::inCompute).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMissingParameterOrAWrongDrawIsNamed() {
        assertThatThrownBy(() -> LawKind.chinchilla().fromNamed(Map.of("E", 1.0, "A", 2.0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("params.B: is missing");
        assertThatThrownBy(() -> LawKind.powerCompute().fromDraw(new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a draw has 3 numbers, got 2");
        assertThat(LawKind.chinchilla().fromDraws(null)).isEmpty();
    }

    @Test
    void intervalsArePercentilesOfEachParameterOverTheDraws() {
        List<PowerLaw> draws = List.of(new PowerLaw(1, 10, 0.1), new PowerLaw(2, 20, 0.2), new PowerLaw(3, 30, 0.3));
        Map<String, Interval> intervals = LawKind.powerCompute().intervals(draws, 0.95);
        assertThat(intervals.keySet()).containsExactly("E", "A", "alpha");
        Interval e = Interval.percentile(new double[] {1, 2, 3}, 0.95);
        assertThat(intervals.get("E")).isEqualTo(e);
        assertThat(LawKind.powerCompute().intervals(List.of(), 0.95)).isEmpty();
    }
}
