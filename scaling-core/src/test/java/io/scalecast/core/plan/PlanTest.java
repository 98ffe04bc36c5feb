package io.scalecast.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.scalecast.core.data.FamilyData;
import io.scalecast.core.law.ChinchillaLaw;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The plan step the REST query and the CLI share: budget, run shape, and the candidates as listed. */
class PlanTest {

    private static final ChinchillaLaw HOFFMANN = new ChinchillaLaw(1.69, 406.4, 410.7, 0.34, 0.28);

    @Test
    void listsTheRankingWithRanksShrinksAndTheFamilysRunShape() {
        FamilyData data = NextRunsTest.family(new double[] {2e7, 4e7, 8e7, 1.6e8, 3.2e8});

        Plan plan = Plan.of(HOFFMANN, data, 7e10, 1.4e12, null, 1e20, null);

        Candidates.Shape shape = Candidates.Shape.of(data);
        List<double[]> within = Candidates.within(Candidates.grid(data), 1e20);
        NextRuns.Ranking ranking = new NextRuns(HOFFMANN, data, shape).rank(7e10, 1.4e12, within);
        assertThat(plan.shape()).isEqualTo(shape);
        assertThat(plan.considered()).isEqualTo(within.size()).isLessThan(Candidates.grid(data).size());
        assertThat(plan.width()).isEqualTo(ranking.width());
        List<Plan.Listed> top = plan.top(3);
        assertThat(top).extracting(Plan.Listed::rank).containsExactly(1, 2, 3);
        for (int i = 0; i < 3; i++) {
            NextRuns.Candidate c = ranking.candidates().get(i);
            Plan.Listed listed = top.get(i);
            assertThat(listed.params()).isEqualTo(c.params());
            assertThat(listed.tokensPerParam()).isCloseTo(c.tokens() / c.params(), within(1e-9));
            assertThat(listed.flops()).isLessThanOrEqualTo(1e20);
            assertThat(listed.shrink()).isCloseTo(ranking.width() - c.widthAfter(), within(1e-12));
            assertThat(listed.shrinkPerFlop()).isEqualTo(c.shrinkPerFlop());
        }
        assertThat(plan.top(1000)).hasSize(within.size());
        Plan.CheckRun check = plan.checkRun();
        assertThat(check.params()).isEqualTo(6.4e8);
        assertThat(check.tokensPerParam()).isCloseTo(20, within(1e-9));
        assertThat(check.flops()).isCloseTo(6 * 6.4e8 * 1.28e10, within(1e6));
        assertThat(check.lower()).isLessThan(check.loss());
        assertThat(check.upper()).isGreaterThan(check.loss());
    }

    @Test
    void aBudgetBelowEveryCandidateIsRefusedNamingIt() {
        FamilyData data = NextRunsTest.family(new double[] {2e7, 4e7, 8e7, 1.6e8, 3.2e8});

        assertThatThrownBy(() -> Plan.of(HOFFMANN, data, 7e10, 1.4e12, null, 1e3, null))
                .isInstanceOf(Plan.NothingWithinBudget.class).hasMessageContaining("1.00e+03 FLOPs");
    }

    @Test
    void anUnboundedWidthListsNoShrinkAndTheCheckpointsOverrideTheShape() {
        FamilyData one = NextRunsTest.family(new double[] {2e7});

        Plan plan = Plan.of(HOFFMANN, one, 7e10, 1.4e12, List.of(new double[] {1e9, 2e10}), null, 3);

        assertThat(plan.width()).isNull();
        assertThat(plan.checkRun().lower()).isNull();
        assertThat(plan.checkRun().upper()).isNull();
        assertThat(plan.shape().checkpoints()).isEqualTo(3);
        assertThat(plan.top(5)).singleElement().satisfies(c -> {
            assertThat(c.shrink()).isNull();
            assertThat(c.shrinkPerFlop()).isNull();
        });
        assertThatThrownBy(() -> Plan.of(HOFFMANN, one, 7e10, 1.4e12, null, null, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("checkpoints must be >= 1");
    }
}
