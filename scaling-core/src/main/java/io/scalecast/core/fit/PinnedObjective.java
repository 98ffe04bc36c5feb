package io.scalecast.core.fit;

/**
 * An objective with one coordinate held at a given value and searched over the others: the fit of a law that borrows
 * that parameter from elsewhere (the annealing law's C from a model size that has annealed).
 */
final class PinnedObjective implements Objective {

    private final Objective inner;
    private final int pinned;
    private final double value;

    /**
     * @param inner the objective over every coordinate of the law
     * @param pinned the coordinate held fixed
     * @param value its value, in the inner objective's coordinates
     */
    PinnedObjective(Objective inner, int pinned, double value) {
        this.inner = inner;
        this.pinned = pinned;
        this.value = value;
    }

    @Override
    public double valueAndGradient(double[] free, double[] gradient) {
        double[] full = expand(free);
        double[] fullGradient = new double[full.length];
        double v = inner.valueAndGradient(full, fullGradient);
        for (int k = 0, j = 0; k < full.length; k++) {
            if (k != pinned) {
                gradient[j++] = fullGradient[k];
            }
        }
        return v;
    }

    /** The inner objective's point of free coordinates {@code free}. */
    double[] expand(double[] free) {
        double[] full = new double[free.length + 1];
        for (int k = 0, j = 0; k < full.length; k++) {
            full[k] = k == pinned ? value : free[j++];
        }
        return full;
    }

    /** The free coordinates of the inner objective's point {@code full}. */
    double[] drop(double[] full) {
        double[] free = new double[full.length - 1];
        for (int k = 0, j = 0; k < full.length; k++) {
            if (k != pinned) {
                free[j++] = full[k];
            }
        }
        return free;
    }
}
