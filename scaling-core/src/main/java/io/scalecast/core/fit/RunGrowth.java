package io.scalecast.core.fit;

import io.scalecast.core.data.FamilyData;
import java.util.List;

/**
 * The points each run of a family had when a bootstrap began, to tell when a run has outgrown them: draws fitted while
 * a run had a fraction of its points overstate the uncertainty, and a refit refreshes only a few of them, so a run
 * that arrived in a burst across two refits would keep the first one's wide interval.
 */
public final class RunGrowth {

    /** Fewest new points of one run that can outgrow a bootstrap (a run of 1 point doubling is not news). */
    static final int OUTGROWN_BY = 10;

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

    /**
     * Whether {@code data} has other runs, or a run with more than twice (and at least {@value #OUTGROWN_BY} more
     * than) the points it had here.
     */
    public boolean outgrownBy(FamilyData data) {
        if (!runs.equals(data.runNames())) {
            return true;
        }
        int[] now = pointsPerRun(data);
        for (int r = 0; r < now.length; r++) {
            if (now[r] >= 2 * pointsPerRun[r] && now[r] - pointsPerRun[r] >= OUTGROWN_BY) {
                return true;
            }
        }
        return false;
    }

    private static int[] pointsPerRun(FamilyData data) {
        int[] counts = new int[data.runs()];
        for (int i : data.runIndex()) {
            counts[i]++;
        }
        return counts;
    }
}
