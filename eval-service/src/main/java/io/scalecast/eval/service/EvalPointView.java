package io.scalecast.eval.service;

/**
 * One evaluation result as served.
 *
 * @param run the run
 * @param params N
 * @param tokens D
 * @param step the step
 * @param metric the metric
 * @param value the value
 * @param revision the stored revision
 * @param loss the loss of the same checkpoint (run and step), or null while none has arrived
 */
public record EvalPointView(String run, double params, double tokens, long step, String metric, double value,
                            long revision, Double loss) {
}
