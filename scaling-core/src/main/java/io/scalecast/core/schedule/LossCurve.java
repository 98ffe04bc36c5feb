package io.scalecast.core.schedule;

/**
 * One run's loss curve under its learning-rate schedule: the rate of every step and the losses observed at some.
 *
 * @param run the run's name
 * @param rates the learning rate of every step from 0 to at least the last observed step
 * @param steps the observed steps, increasing, each ≥ 1
 * @param loss the loss observed at each step, > 0
 */
public record LossCurve(String run, LearningRates rates, int[] steps, double[] loss) {

    public LossCurve {
        if (steps.length != loss.length || steps.length == 0) {
            throw new IllegalArgumentException("run " + run + ": needs one loss per step, at least one");
        }
        for (int i = 0; i < steps.length; i++) {
            if (steps[i] < 1 || steps[i] > rates.lastStep() || (i > 0 && steps[i] <= steps[i - 1])) {
                throw new IllegalArgumentException("run " + run + ": step " + steps[i] + " must be in [1, "
                        + rates.lastStep() + "] and after the previous step");
            }
            if (!(loss[i] > 0) || !Double.isFinite(loss[i])) {
                throw new IllegalArgumentException("run " + run + ": the loss at step " + steps[i]
                        + " must be > 0, was " + loss[i]);
            }
        }
        steps = steps.clone();
        loss = loss.clone();
    }

    /** The number of observed points. */
    public int size() {
        return steps.length;
    }

    /** Mean and largest |L̂ − L| / L of {@code predicted} against the observed losses. */
    public double[] relativeErrors(double[] predicted) {
        double sum = 0;
        double max = 0;
        for (int i = 0; i < loss.length; i++) {
            double e = Math.abs(predicted[i] - loss[i]) / loss[i];
            sum += e;
            max = Math.max(max, e);
        }
        return new double[] {sum / loss.length, max};
    }
}
