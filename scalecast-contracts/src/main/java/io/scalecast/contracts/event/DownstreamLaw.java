package io.scalecast.contracts.event;

import java.util.List;
import java.util.Map;

/**
 * A benchmark's loss-to-error map of one family as published on the compacted {@code scalecast.downstream-laws}
 * topic, keyed {@code lab/family/benchmark}; a higher {@code version} replaces a lower one. predict-service chains it
 * after the family's loss law: (N, D) → loss → error.
 *
 * @param schemaVersion the event schema version, 1
 * @param lab the tenant
 * @param family the model family
 * @param benchmark the benchmark, or a named average of benchmarks (e.g. {@code avg17})
 * @param metric the metric mapped, as error: {@code error} (1 − accuracy for accuracy results)
 * @param version counts the map's fits, from 1
 * @param form {@code exponential} (params epsilon, k, gamma) or {@code sigmoid} (params chance, ceiling, steepness,
 *     midpoint; error = 1 − accuracy)
 * @param params the chosen form's parameters by name
 * @param draws draws of the form's parameters in the order of {@code params}, for intervals of any prediction
 * @param drawMethod how the draws were made: {@code runs} (bootstrap over models) or {@code covariance}
 * @param models the models the map was fitted on
 * @param chance the benchmark's chance level (accuracy of guessing), or null when unknown
 * @param heldOut the back-test: the model of lowest loss, held out, and each form's relative error on it
 * @param monotonicity Spearman correlation of error with loss
 * @param reliable whether nothing argues against the map
 * @param reasons why the map is unreliable; empty when reliable
 * @param lossLaw the loss law kind and version whose losses filled in checkpoints without a loss, or null
 * @param fittedAt ISO-8601 time of the fit
 */
public record DownstreamLaw(int schemaVersion, String lab, String family, String benchmark, String metric,
                            long version, String form, Map<String, Double> params, List<double[]> draws,
                            String drawMethod, List<Model> models, Double chance, HeldOut heldOut,
                            double monotonicity, boolean reliable, List<String> reasons, String lossLaw,
                            String fittedAt) {

    /** The Kafka key. */
    public String key() {
        return lab + "/" + family + "/" + benchmark;
    }

    /** This map, or an exception naming the field when a reader of this build cannot use it. */
    public DownstreamLaw requireReadable() {
        if (schemaVersion != EventValidator.SCHEMA_VERSION) {
            throw new IllegalArgumentException("schemaVersion: unsupported version " + schemaVersion);
        }
        if (lab == null || family == null || benchmark == null || form == null || params == null) {
            throw new IllegalArgumentException("lab, family, benchmark, form and params are required");
        }
        return this;
    }

    /**
     * One model on the map.
     *
     * @param run its run
     * @param step the checkpoint paired
     * @param loss its loss at that checkpoint
     * @param error its error on the benchmark
     * @param lossFromLaw whether the loss came from the loss law (the checkpoint had no loss observation)
     */
    public record Model(String run, long step, double loss, double error, boolean lossFromLaw) {
    }

    /**
     * The held-out back-test of the two forms.
     *
     * @param run the model held out (lowest loss)
     * @param exponentialError relative error of the exponential form on it, or null if not fitted
     * @param sigmoidError relative error of the sigmoid on it, or null if not fitted
     */
    public record HeldOut(String run, Double exponentialError, Double sigmoidError) {
    }
}
