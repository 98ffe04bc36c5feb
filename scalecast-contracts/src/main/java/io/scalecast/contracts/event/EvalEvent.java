package io.scalecast.contracts.event;

/**
 * A downstream evaluation result of a checkpoint as a lab sends it on {@code scalecast.evals} (schema version 1).
 *
 * @param schemaVersion the event schema version, 1
 * @param lab the tenant
 * @param family the model family
 * @param run the training run
 * @param params N, the parameter count
 * @param tokens D, tokens seen at the evaluated checkpoint
 * @param step the optimizer step of the evaluated checkpoint
 * @param benchmark the benchmark's name
 * @param metric what was measured: accuracy, error, pass_rate, ...
 * @param value the measured value
 * @param chance the random-guess level of the benchmark, optional
 * @param shots the number of in-context examples, optional
 * @param time ISO-8601 event time, optional
 */
public record EvalEvent(Integer schemaVersion, String lab, String family, String run, Double params, Double tokens,
                        Long step, String benchmark, String metric, Double value, Double chance, Integer shots,
                        String time) {
}
