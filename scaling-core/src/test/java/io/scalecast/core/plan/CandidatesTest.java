package io.scalecast.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.scalecast.core.data.CheckpointPoint;
import io.scalecast.core.data.FamilyData;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The candidate runs of a plan: the default grid, a lab's list, the budget, and the shape of a candidate's fit. */
class CandidatesTest {

    /** Two runs of 1e8 and one of 4e8: 1e8 logs 10 checkpoints from D/10, 4e8 logs 4 from D/2. */
    private static FamilyData family() {
        List<CheckpointPoint> points = new ArrayList<>();
        for (String run : List.of("a", "b")) {
            for (int k = 1; k <= 10; k++) {
                points.add(new CheckpointPoint(run, 1e8, 2e9 * k / 10, 3.0));
            }
        }
        for (int k = 2; k <= 4; k++) {
            points.add(new CheckpointPoint("c", 4e8, 8e9 * k / 4, 2.8));
        }
        return FamilyData.of(points);
    }

    @Test
    void theGridTakesEachSizeTwiceAndFourTimesAtFiveMultipliersWithoutRepeats() {
        List<double[]> grid = Candidates.grid(family());
        // Sizes 1e8, 2e8, 4e8 (from both 1e8 x4 and 4e8 x1), 8e8, 1.6e9.
        assertThat(grid).hasSize(5 * 5);
        assertThat(grid.stream().mapToDouble(c -> c[0]).distinct().sorted().toArray())
                .containsExactly(1e8, 2e8, 4e8, 8e8, 1.6e9);
        assertThat(grid).allSatisfy(c -> assertThat(c[1] / c[0]).isIn(5.0, 10.0, 20.0, 40.0, 80.0));
    }

    @Test
    void aLabsListIsReadStrictlyAndTheBudgetKeepsWhatOneRunCanAfford() {
        List<double[]> list = Candidates.parse("1e9:2e10, 3e7:6e8");
        assertThat(list).hasSize(2);
        assertThat(list.get(1)).containsExactly(3e7, 6e8);
        assertThat(Candidates.within(list, 1e18)).hasSize(1);
        assertThat(Candidates.within(list, null)).hasSize(2);
        assertThatThrownBy(() -> Candidates.parse("1e9")).hasMessageContaining("N:D");
        assertThatThrownBy(() -> Candidates.parse("1e9:big")).hasMessageContaining("'big'");
        assertThatThrownBy(() -> Candidates.parse("1e9:-1")).hasMessageContaining("> 0");
        assertThatThrownBy(() -> Candidates.parse("1:1,".repeat(1001))).hasMessageContaining("limit is 1000");
    }

    @Test
    void aCandidateIsFittedAsTheMedianRunOfTheFamily() {
        Candidates.Shape shape = Candidates.Shape.of(family());
        // Runs keep 10, 10 and 3 points: the median keeps 10, capped at 8; first shares 0.1, 0.1, 0.5.
        assertThat(shape.checkpoints()).isEqualTo(Candidates.MAX_CHECKPOINTS);
        assertThat(shape.firstShare()).isCloseTo(0.1, within(1e-12));
        assertThat(shape.withCheckpoints(3).checkpoints()).isEqualTo(3);
    }
}
