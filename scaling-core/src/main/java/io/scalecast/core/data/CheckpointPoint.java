package io.scalecast.core.data;

/**
 * One loss measurement of a run at a checkpoint, as the fits consume it.
 *
 * @param run the run's name
 * @param params N
 * @param tokens D seen at the checkpoint
 * @param loss the loss there
 */
public record CheckpointPoint(String run, double params, double tokens, double loss) {
}
