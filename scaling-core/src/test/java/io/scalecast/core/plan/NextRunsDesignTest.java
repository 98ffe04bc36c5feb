package io.scalecast.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalecast.core.data.CheckpointPoint;
import io.scalecast.core.data.FamilyData;
import io.scalecast.core.data.SyntheticFamily;
import io.scalecast.core.law.ChinchillaLaw;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A lab that trains the run the ranking puts first, one at a time, against one that trains the next size of the common
 * geometric grid at 20 tokens per parameter, on synthetic families of a known law: both stop once the target
 * prediction's expected 95% interval is narrow enough, and the advice must get there with fewer FLOPs. The widths are
 * the linearised ones at the family's law (the design question, not yet the refits' calibration).
 */
class NextRunsDesignTest {

    private static final ChinchillaLaw HOFFMANN = new ChinchillaLaw(1.69, 406.4, 410.7, 0.34, 0.28);
    private static final double TARGET_N = 7e10;
    private static final double TARGET_D = 1.4e12;
    /** The grid: sizes doubling from 20M, each trained to 20 tokens per parameter. */
    private static final double[] GRID = {2e7, 4e7, 8e7, 1.6e8, 3.2e8, 6.4e8, 1.28e9, 2.56e9, 5.12e9};
    private static final int START = 3;
    private static final double[] TOKENS_PER_PARAM = {5, 10, 20, 40, 80};

    @Test
    void followingTheAdviceReachesTheTargetWidthWithFewerFlopsThanTheGeometricGrid() {
        int wins = 0;
        List<Double> ratios = new ArrayList<>();
        for (long seed = 1; seed <= 5; seed++) {
            double goal = 0.08;
            double grid = gridFlops(seed, goal);
            double advice = adviceFlops(seed, goal);
            ratios.add(advice / grid);
            if (advice < grid) {
                wins++;
            }
        }
        assertThat(wins).as("advice/grid FLOP ratios %s", ratios).isEqualTo(5);
    }

    /** FLOPs the grid spends beyond its first runs until the target interval is at most {@code goal} wide. */
    private static double gridFlops(long seed, double goal) {
        List<double[]> runs = start();
        double flops = 0;
        for (int i = START; i < GRID.length && width(runs, seed) > goal; i++) {
            runs.add(new double[] {GRID[i], 20 * GRID[i]});
            flops += 6 * GRID[i] * 20 * GRID[i];
        }
        assertThat(width(runs, seed)).as("the grid reaches the goal").isLessThanOrEqualTo(goal);
        return flops;
    }

    /** FLOPs the advice spends beyond the same first runs, training its first-ranked candidate each time. */
    private static double adviceFlops(long seed, double goal) {
        List<double[]> runs = start();
        double flops = 0;
        for (int step = 0; step < 40 && width(runs, seed) > goal; step++) {
            NextRuns.Candidate best = plan(runs, seed).rank(TARGET_N, TARGET_D, untrained(runs)).candidates().get(0);
            runs.add(new double[] {best.params(), best.tokens()});
            flops += best.flops();
        }
        assertThat(width(runs, seed)).as("the advice reaches the goal").isLessThanOrEqualTo(goal);
        return flops;
    }

    private static List<double[]> start() {
        List<double[]> runs = new ArrayList<>();
        for (int i = 0; i < START; i++) {
            runs.add(new double[] {GRID[i], 20 * GRID[i]});
        }
        return runs;
    }

    /** The sizes a lab can train, each at a few token multipliers, less those it trained: a run is trained once. */
    private static List<double[]> untrained(List<double[]> runs) {
        List<double[]> out = new ArrayList<>();
        for (double n : GRID) {
            for (double m : TOKENS_PER_PARAM) {
                if (runs.stream().noneMatch(r -> r[0] == n && r[1] == m * n)) {
                    out.add(new double[] {n, m * n});
                }
            }
        }
        return out;
    }

    private static double width(List<double[]> runs, long seed) {
        return plan(runs, seed).rank(TARGET_N, TARGET_D, List.of()).width();
    }

    /** The plan on the runs' synthetic checkpoints (8 a run, 1% noise), each run drawn with its own seed. */
    private static NextRuns plan(List<double[]> runs, long seed) {
        List<CheckpointPoint> points = new ArrayList<>();
        for (int r = 0; r < runs.size(); r++) {
            double[] run = runs.get(r);
            String name = "run-" + r;
            new SyntheticFamily(HOFFMANN, new double[] {run[0]}, run[1] / run[0], 8, 0.01, seed * 1000 + r)
                    .generate().forEach(c -> points.add(new CheckpointPoint(name, c.params(), c.tokens(), c.loss())));
        }
        return new NextRuns(HOFFMANN, FamilyData.of(points), 8, 0.25);
    }
}
