package io.scalecast.contracts.event;

/**
 * A training checkpoint's metric as a lab sends it on {@code scalecast.checkpoints} (schema version 1).
 *
 * <p>Fields are boxed so that a missing field can be told from a zero; {@link EventValidator} checks them.
 *
 * @param schemaVersion the event schema version, 1
 * @param lab the tenant
 * @param family the model family (one recipe, varying N and D)
 * @param run one training run, i.e. one model size within the family
 * @param params N, the parameter count (non-embedding preferred; never mix counts within a family)
 * @param tokens D, tokens seen at this checkpoint
 * @param step the optimizer step
 * @param metric the metric's name, {@code loss} when absent
 * @param value the metric's value
 * @param learningRate the learning rate at this step, optional
 * @param flops training compute so far, optional (6·N·D when absent)
 * @param time ISO-8601 event time, optional
 */
public record CheckpointEvent(Integer schemaVersion, String lab, String family, String run, Double params,
                              Double tokens, Long step, String metric, Double value, Double learningRate,
                              Double flops, String time) {

    /** The metric name used when an event names none. */
    public static final String DEFAULT_METRIC = "loss";

    /** The metric, or {@value #DEFAULT_METRIC} when absent. */
    public String metricOrDefault() {
        return metric == null ? DEFAULT_METRIC : metric;
    }

    /** The sent FLOPs, or 6·N·D when none was sent. */
    public double flopsOrDefault() {
        return flops == null ? 6 * params * tokens : flops;
    }
}
