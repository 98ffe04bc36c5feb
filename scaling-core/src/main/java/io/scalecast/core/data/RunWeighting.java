package io.scalecast.core.data;

/**
 * How the points of one run count in a fit (the Hitchhiker's guide's data rules). Runs are logged at very different
 * rates, and with {@link #POINT} a densely logged run outweighs the others; {@link #RUN} gives every run the same
 * total weight, so the fit does not depend on logging frequency.
 */
public enum RunWeighting {
    /** Every point weighs 1. */
    POINT,
    /** Every run weighs the same in total; the weights sum to the number of points. */
    RUN;

    /** Per-point weights for the data, or null for equal weights. */
    public double[] weights(FamilyData data) {
        if (this == POINT) {
            return null;
        }
        int[] perRun = new int[data.runs()];
        for (int r : data.runIndex()) {
            perRun[r]++;
        }
        double[] w = new double[data.size()];
        double scale = (double) data.size() / data.runs();
        for (int i = 0; i < w.length; i++) {
            w[i] = scale / perRun[data.runIndex()[i]];
        }
        return w;
    }
}
