package io.scalecast.core.data;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each run's final checkpoint (its most trained one), the data of laws over whole training runs such as Gadre et
 * al.'s loss in compute and token multiplier: one point per run with its token multiplier M = D/N. While a run
 * trains, its final is its latest checkpoint.
 */
public final class RunFinals {

    private RunFinals() {
    }

    /** The checkpoint with the most tokens of every run, ordered by run name. */
    public static List<CheckpointPoint> of(List<CheckpointPoint> points) {
        Map<String, CheckpointPoint> last = new LinkedHashMap<>();
        for (CheckpointPoint p : points) {
            last.merge(p.run(), p, (a, b) -> b.tokens() > a.tokens() ? b : a);
        }
        return last.values().stream().sorted(Comparator.comparing(CheckpointPoint::run)).toList();
    }

    /** The token multiplier M = D/N of a checkpoint. */
    public static double multiplier(CheckpointPoint p) {
        return p.tokens() / p.params();
    }

    /** The ratio of the largest to the smallest token multiplier among {@code finals}; 1 when empty. */
    public static double multiplierSpan(List<CheckpointPoint> finals) {
        double lo = finals.stream().mapToDouble(RunFinals::multiplier).min().orElse(1);
        double hi = finals.stream().mapToDouble(RunFinals::multiplier).max().orElse(1);
        return hi / lo;
    }
}
