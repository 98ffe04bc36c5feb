package io.scalecast.eval.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Typed settings of eval-service, under {@code scalecast.eval}. */
@ConfigMapping(prefix = "scalecast.eval")
public interface EvalConfig {

    /** The checkpoint metric an evaluation result is paired with as the model's loss. */
    @WithDefault("loss")
    String lossMetric();
}
