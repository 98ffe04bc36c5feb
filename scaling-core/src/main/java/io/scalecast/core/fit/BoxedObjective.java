package io.scalecast.core.fit;

/**
 * An objective searched with some coordinates boxed to (0, max) through x = max·sigmoid(u), so that an unconstrained
 * minimiser cannot leave the box: a law whose exponents are only weakly identified (the Multi-Power Law's γ on a
 * decade of learning rates) then ends at a usable law near the bound instead of being thrown away.
 */
final class BoxedObjective implements Objective {

    private static final double EDGE = 1e-6;

    private final Objective inner;
    private final int[] boxed;
    private final double max;

    /**
     * @param inner the objective over the law's own coordinates
     * @param boxed the coordinates kept in (0, max)
     * @param max the upper bound of the boxed coordinates
     */
    BoxedObjective(Objective inner, int[] boxed, double max) {
        this.inner = inner;
        this.boxed = boxed.clone();
        this.max = max;
    }

    @Override
    public double valueAndGradient(double[] u, double[] gradient) {
        double[] x = toLaw(u);
        double value = inner.valueAndGradient(x, gradient);
        for (int k : boxed) {
            gradient[k] *= x[k] * (1 - x[k] / max);
        }
        return value;
    }

    /** The law's coordinates of search point {@code u}. */
    double[] toLaw(double[] u) {
        double[] x = u.clone();
        for (int k : boxed) {
            x[k] = max / (1 + Math.exp(-u[k]));
        }
        return x;
    }

    /** The search point of the law's coordinates {@code x}, boxed ones moved just inside the box when on or past it. */
    double[] toSearch(double[] x) {
        double[] u = x.clone();
        for (int k : boxed) {
            double p = Math.min(1 - EDGE, Math.max(EDGE, x[k] / max));
            u[k] = Math.log(p / (1 - p));
        }
        return u;
    }
}
