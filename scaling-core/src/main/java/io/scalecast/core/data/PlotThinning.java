package io.scalecast.core.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Thins a family's points for plotting: at most a given number, spread over the runs in proportion to their size and
 * evenly within each run, always keeping each run's first and last point so the curve's ends stay on the plot.
 */
public final class PlotThinning {

    private PlotThinning() {
    }

    /** The kept points, in their original order within each run and runs in order of first appearance. */
    public static List<CheckpointPoint> thin(List<CheckpointPoint> points, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, was " + max);
        }
        if (points.size() <= max) {
            return points;
        }
        Map<String, List<CheckpointPoint>> byRun = new LinkedHashMap<>();
        points.forEach(p -> byRun.computeIfAbsent(p.run(), r -> new ArrayList<>()).add(p));
        List<CheckpointPoint> out = new ArrayList<>();
        for (List<CheckpointPoint> run : byRun.values()) {
            int keep = Math.max(Math.min(2, run.size()), (int) ((long) max * run.size() / points.size()));
            out.addAll(evenly(run, keep));
        }
        return out;
    }

    private static List<CheckpointPoint> evenly(List<CheckpointPoint> run, int keep) {
        if (keep >= run.size()) {
            return run;
        }
        List<CheckpointPoint> out = new ArrayList<>(keep);
        for (int i = 0; i < keep; i++) {
            out.add(run.get(keep == 1 ? run.size() - 1 : (int) Math.round((double) i * (run.size() - 1) / (keep - 1))));
        }
        return out;
    }
}
