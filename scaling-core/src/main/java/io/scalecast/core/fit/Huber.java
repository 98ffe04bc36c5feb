package io.scalecast.core.fit;

import org.hipparchus.special.Erf;

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

    /**
     * How much more a Huber_δ fit's estimates vary than a least-squares fit's when the residuals are Gaussian of spread
     * σ: the M-estimator's E[ψ²] / (E[ψ']²·σ²) (Huber 1964). It is 1 when δ ≫ σ and rises to π/2, least
     * absolute deviations' ratio, when δ ≪ σ: 1.49 for Hoffmann et al.'s δ = 10⁻³ on 1% noise.
     */
    public static double varianceRatio(double sigma, double delta) {
        if (!(sigma > 0) || !Double.isFinite(sigma)) {
            return 1;
        }
        double c = delta / sigma;
        if (c == 0) {
            return Math.PI / 2;
        }
        double inside = Erf.erf(c / Math.sqrt(2));
        double density = Math.exp(-c * c / 2) / Math.sqrt(2 * Math.PI);
        return (inside - 2 * c * density + c * c * (1 - inside)) / (inside * inside);
    }
}
