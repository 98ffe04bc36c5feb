package io.scalecast.core.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The compute-efficient frontier of a family (Kaplan et al. 2020, figure 1): the checkpoints that no checkpoint of
 * less compute beats in loss. A power law in compute describes this envelope, not the individual runs.
 */
public final class ComputeFrontier {

    private ComputeFrontier() {
    }

    /** Training compute of a checkpoint, C = 6·N·D. */
    public static double compute(CheckpointPoint p) {
        return 6 * p.params() * p.tokens();
    }

    /** The frontier's checkpoints in order of compute, each with a lower loss than every one before it. */
    public static List<CheckpointPoint> of(List<CheckpointPoint> points) {
        List<CheckpointPoint> sorted = points.stream().sorted(Comparator.comparingDouble(ComputeFrontier::compute)
                .thenComparingDouble(CheckpointPoint::loss)).toList();
        List<CheckpointPoint> frontier = new ArrayList<>();
        double best = Double.POSITIVE_INFINITY;
        for (CheckpointPoint p : sorted) {
            if (p.loss() < best) {
                frontier.add(p);
                best = p.loss();
            }
        }
        return frontier;
    }
}
