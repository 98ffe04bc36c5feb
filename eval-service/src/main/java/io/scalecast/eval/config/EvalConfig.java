package io.scalecast.eval.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Typed settings of eval-service, under {@code scalecast.eval}. */
@ConfigMapping(prefix = "scalecast.eval")
public interface EvalConfig {

    /** The checkpoint metric an evaluation result is paired with as the model's loss. */
    @WithDefault("loss")
    String lossMetric();

    /** Topic the loss-to-error maps are published to (compacted). */
    @WithDefault("scalecast.downstream-laws")
    String downstreamLawsTopic();

    /** A family's maps are refitted once its eval and loss data has been quiet this long... */
    @WithDefault("250ms")
    Duration debounce();

    /** ...or once its oldest unfitted change is this old. */
    @WithDefault("1s")
    Duration maxDelay();

    /**
     * Named averages of benchmarks, each mapped as one more benchmark: the mean error over its members at every
     * checkpoint that has a result of each (e.g. Gadre et al.'s 17-task subset as {@code avg17}).
     */
    Map<String, List<String>> averages();

    /** How often the map loop looks for families that are due. */
    @WithDefault("200ms")
    Duration poll();
}
