package io.scalecast.core.fit;

/** The Huber loss and its derivative, quadratic within delta of zero and linear beyond it. */
public final class Huber {

    /** The threshold used by Hoffmann et al. and Epoch for residuals of log loss. */
    public static final double DEFAULT_DELTA = 1e-3;

    private Huber() {
    }

    /** Huber_δ(r) = r²/2 if |r| ≤ δ, else δ·(|r| − δ/2). */
    public static double value(double r, double delta) {
        double abs = Math.abs(r);
        return abs <= delta ? 0.5 * r * r : delta * (abs - 0.5 * delta);
    }

    /** Huber_δ'(r) = r if |r| ≤ δ, else δ·sign(r). */
    public static double derivative(double r, double delta) {
        if (r > delta) {
            return delta;
        }
        return r < -delta ? -delta : r;
    }
}
