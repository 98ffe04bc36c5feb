package io.scalecast.core.fit;

/**
 * The summed Huber objective on log residuals for L(x) = E + A·x^−α, with ln L̂ = LSE(a − α·ln x, e) and its exact
 * gradient; the parameter vector is [a, e, α] with A = e^a, E = e^e. Immutable and thread-safe.
 */
public final class PowerObjective implements Objective {

    private final double[] lnX;
    private final double[] lnL;
    private final double delta;

    /**
     * @param x the axis values, > 0
     * @param loss the losses, > 0
     * @param delta the Huber threshold
     */
    public PowerObjective(double[] x, double[] loss, double delta) {
        if (x.length != loss.length) {
            throw new IllegalArgumentException("x and loss must have the same length");
        }
        this.lnX = ChinchillaObjective.logs(x, "x");
        this.lnL = ChinchillaObjective.logs(loss, "loss");
        this.delta = delta;
    }

    @Override
    public double valueAndGradient(double[] v, double[] g) {
        double j = 0;
        double ga = 0;
        double ge = 0;
        double galpha = 0;
        for (int i = 0; i < lnL.length; i++) {
            double t1 = v[0] - v[2] * lnX[i];
            double m = Math.max(t1, v[1]);
            double e1 = Math.exp(t1 - m);
            double e2 = Math.exp(v[1] - m);
            double sum = e1 + e2;
            double r = m + Math.log(sum) - lnL[i];
            j += Huber.value(r, delta);
            double psi = Huber.derivative(r, delta) / sum;
            ga += psi * e1;
            ge += psi * e2;
            galpha -= psi * e1 * lnX[i];
        }
        g[0] = ga;
        g[1] = ge;
        g[2] = galpha;
        return j;
    }
}
