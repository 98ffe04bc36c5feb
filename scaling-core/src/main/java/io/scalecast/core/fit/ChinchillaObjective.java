package io.scalecast.core.fit;

/**
 * Epoch's objective for the Chinchilla law: the sum over points of Huber_δ(ln L̂ − ln L), with ln L̂ computed by
 * log-sum-exp of (a − α·ln N, b − β·ln D, e), and its exact gradient (science.md section 2.1).
 *
 * <p>The parameter vector is [a, b, e, α, β] with A = e^a, B = e^b, E = e^e. Logs of the data are taken once at
 * construction. Instances are immutable and safe to share between threads.
 */
public final class ChinchillaObjective implements Objective {

    private final double[] lnN;
    private final double[] lnD;
    private final double[] lnL;
    private final double[] weight;
    private final double delta;

    /**
     * @param params N per point, > 0
     * @param tokens D per point, > 0
     * @param loss L per point, > 0
     * @param weight per-point weight, or null for 1
     * @param delta the Huber threshold
     */
    public ChinchillaObjective(double[] params, double[] tokens, double[] loss, double[] weight, double delta) {
        int n = loss.length;
        if (params.length != n || tokens.length != n || (weight != null && weight.length != n)) {
            throw new IllegalArgumentException("params, tokens, loss and weight must have the same length");
        }
        this.lnN = logs(params, "params");
        this.lnD = logs(tokens, "tokens");
        this.lnL = logs(loss, "loss");
        this.weight = weight == null ? null : weight.clone();
        this.delta = delta;
    }

    /** Number of points. */
    public int size() {
        return lnL.length;
    }

    @Override
    public double valueAndGradient(double[] x, double[] g) {
        double a = x[0];
        double b = x[1];
        double e = x[2];
        double alpha = x[3];
        double beta = x[4];
        double j = 0;
        double ga = 0;
        double gb = 0;
        double ge = 0;
        double galpha = 0;
        double gbeta = 0;
        for (int i = 0; i < lnL.length; i++) {
            double t1 = a - alpha * lnN[i];
            double t2 = b - beta * lnD[i];
            double m = Math.max(t1, Math.max(t2, e));
            double e1 = Math.exp(t1 - m);
            double e2 = Math.exp(t2 - m);
            double e3 = Math.exp(e - m);
            double sum = e1 + e2 + e3;
            double r = m + Math.log(sum) - lnL[i];
            double w = weight == null ? 1.0 : weight[i];
            j += w * Huber.value(r, delta);
            double psi = w * Huber.derivative(r, delta) / sum;
            double p1 = psi * e1;
            double p2 = psi * e2;
            ga += p1;
            gb += p2;
            ge += psi * e3;
            galpha -= p1 * lnN[i];
            gbeta -= p2 * lnD[i];
        }
        g[0] = ga;
        g[1] = gb;
        g[2] = ge;
        g[3] = galpha;
        g[4] = gbeta;
        return j;
    }

    static double[] logs(double[] values, String name) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] > 0) || !Double.isFinite(values[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] must be finite and > 0, was " + values[i]);
            }
            out[i] = Math.log(values[i]);
        }
        return out;
    }
}
