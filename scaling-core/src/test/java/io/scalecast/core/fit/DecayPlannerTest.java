package io.scalecast.core.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.scalecast.core.law.TissueLaw;
import io.scalecast.core.schedule.LearningRates;
import io.scalecast.core.schedule.Schedule;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The decay start that minimises a WSD run's final loss under a known annealing law, checked by brute force. */
class DecayPlannerTest {

    private static final TissueLaw LAW = new TissueLaw(3.2, 0.55, 0.8, 0.4, 0.999, true);
    private static final Schedule PLAN = Schedule.parse("wsd,peak=3e-4,final=3e-5,steps=24000,warmup=2160,"
            + "decay-start=20000,decay=linear");

    @Test
    void theChosenStartBeatsEveryOtherStartTheRunCanStillChoose() {
        LearningRates history = PLAN.rates();
        DecayPlanner.Choice choice = DecayPlanner.best(LAW, List.of(), 0.001, 0, history, 18000, PLAN);

        double chosen = finalLoss(history, 18000, PLAN.withDecayStart(choice.decayStart()));
        double bruteForce = IntStream.rangeClosed(18001, 24000).mapToDouble(s -> finalLoss(history, 18000,
                PLAN.withDecayStart(s))).min().orElseThrow();
        assertThat(chosen).isCloseTo(bruteForce, within(1e-9));
        assertThat(choice.earliest()).isEqualTo(18001);
        assertThat(choice.schedule().decayStart()).isEqualTo(choice.decayStart());
        assertThat(choice.finalLoss().loss()).isCloseTo(chosen, within(1e-12));
        assertThat(choice.plannedFinal().loss()).isCloseTo(finalLoss(history, 18000, PLAN), within(1e-12));
        assertThat(choice.gain()).isCloseTo(choice.plannedFinal().loss() - chosen, within(1e-12))
                .isGreaterThanOrEqualTo(0);
        assertThat(choice.gainInterval()).isNull();
    }

    @Test
    void theGainsIntervalComesFromTheDrawsPaired() {
        List<TissueLaw> draws = IntStream.range(0, 50).mapToObj(i -> new TissueLaw(LAW.l0(), LAW.a(), LAW.alpha(),
                LAW.c() * (0.9 + 0.2 * i / 49), LAW.lambda(), LAW.warmupAtPeak())).toList();
        DecayPlanner.Choice choice = DecayPlanner.best(LAW, draws, 0.001, 0, PLAN.rates(), 12000, PLAN);
        assertThat(choice.gainInterval().lower()).isLessThanOrEqualTo(choice.gain());
        assertThat(choice.gainInterval().upper()).isGreaterThanOrEqualTo(choice.gain());
        assertThat(choice.gainInterval().upper() - choice.gainInterval().lower()).isGreaterThan(0);
        assertThat(choice.finalLoss().lower()).isLessThan(choice.finalLoss().loss());
    }

    @Test
    void onlyAWsdPlanWhoseDecayIsStillAheadHasAStartToChoose() {
        LearningRates history = PLAN.rates();
        Schedule cosine = Schedule.parse("cosine,peak=3e-4,final=3e-5,steps=24000,warmup=2160");
        assertThatThrownBy(() -> DecayPlanner.best(LAW, List.of(), 0, 0, cosine.rates(), 12000, cosine))
                .hasMessageStartingWith("plan: only a wsd plan has a decay to place");
        assertThatThrownBy(() -> DecayPlanner.best(LAW, List.of(), 0, 0, history, 21000, PLAN))
                .hasMessageStartingWith("plan: the run began its decay at step 20000 and is at step 21000");
        assertThatThrownBy(() -> DecayPlanner.best(LAW, List.of(), 0, 0, history, 24000, PLAN))
                .hasMessageStartingWith("plan: the run is at step 24000 of 24000");
    }

    private static double finalLoss(LearningRates history, int last, Schedule schedule) {
        return LAW.losses(history.continuedBy(last + 1, schedule.rates()), new int[] {schedule.totalSteps()})[0];
    }
}
