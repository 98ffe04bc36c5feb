package io.scalecast.core.fit;

import io.scalecast.core.data.FamilyData;
import java.util.List;

/**
 * The points each run of a family had when a bootstrap began, to tell when a run has outgrown them: draws fitted while
 * a run had a fraction of its points overstate the uncertainty, and a refit refreshes only a few of them, so a run
 * that arrived in a burst across two refits would keep the first one's wide interval. A partial run is also cut
 * differently (a run that has not reached 30B tokens keeps its early checkpoints), so its draws see another problem.
 */
public final class RunGrowth {

    /** Growth of one run's points that outgrows a bootstrap. */
    static final double GROWTH = 1.5;

    /** Fewest new points of one run that can outgrow a bootstrap (a run of 1 point reaching 2 is not news). */
    static final int OUTGROWN_BY = 3;

    private final List<String> runs;
    private final int[] pointsPerRun;

    private RunGrowth(List<String> runs, int[] pointsPerRun) {
        this.runs = List.copyOf(runs);
        this.pointsPerRun = pointsPerRun;
    }

    /** The runs of {@code data} with their points now. */
    public static RunGrowth of(FamilyData data) {
        return new RunGrowth(data.runNames(), pointsPerRun(data));
    }

    /** Whether {@code data} has other runs, or a run that {@linkplain #outgrows outgrows} the points it had here. */
    public boolean outgrownBy(FamilyData data) {
        if (!runs.equals(data.runNames())) {
            return true;
        }
        int[] now = pointsPerRun(data);
        for (int r = 0; r < now.length; r++) {
            if (outgrows(pointsPerRun[r], now[r])) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a run that had {@code before} points when a bootstrap began and has {@code now} outgrows it: at least
     * {@value #GROWTH} times its points and at least {@value #OUTGROWN_BY} more.
     */
    public static boolean outgrows(int before, int now) {
        return now >= GROWTH * before && now - before >= OUTGROWN_BY;
    }

    private static int[] pointsPerRun(FamilyData data) {
        int[] counts = new int[data.runs()];
        for (int i : data.runIndex()) {
            counts[i]++;
        }
        return counts;
    }
}
