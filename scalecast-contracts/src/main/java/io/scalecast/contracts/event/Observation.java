package io.scalecast.contracts.event;

/**
 * What ingest accepted and stored, in canonical units, as published on {@code scalecast.observations}.
 *
 * <p>Consumers are idempotent on ({@link #naturalKey()}, {@code revision}): a higher revision replaces a lower one.
 *
 * @param schemaVersion the event schema version, 1
 * @param kind {@link #CHECKPOINT} or {@link #EVAL}
 * @param lab the tenant
 * @param family the model family
 * @param run the training run
 * @param params N
 * @param tokens D, in tokens
 * @param step the optimizer step
 * @param metric the metric's name
 * @param value the metric's value
 * @param learningRate the learning rate at the step, checkpoints only, may be null
 * @param flops training compute, 6·N·D unless sent
 * @param benchmark the benchmark, evals only
 * @param chance the benchmark's chance level, evals only, may be null
 * @param shots in-context examples, evals only, may be null
 * @param time the event time as sent, may be null
 * @param revision how many distinct values this natural key has had, from 1
 * @param ingestedAt when ingest stored this revision, ISO-8601
 */
public record Observation(int schemaVersion, String kind, String lab, String family, String run, double params,
                          double tokens, long step, String metric, double value, Double learningRate, double flops,
                          String benchmark, Double chance, Integer shots, String time, long revision,
                          String ingestedAt) {

    /** Kind of an observation from a {@link CheckpointEvent}. */
    public static final String CHECKPOINT = "checkpoint";
    /** Kind of an observation from an {@link EvalEvent}. */
    public static final String EVAL = "eval";

    /** The Kafka key: {@code lab/family}, so a family's observations stay in order. */
    public String key() {
        return lab + "/" + family;
    }

    /** The natural key of the stored row this observation describes. */
    public String naturalKey() {
        return EVAL.equals(kind)
                ? String.join("/", lab, family, run, Long.toString(step), benchmark, metric)
                : String.join("/", lab, family, run, metric, Long.toString(step));
    }
}
