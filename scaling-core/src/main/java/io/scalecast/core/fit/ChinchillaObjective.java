package io.scalecast.core.fit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Epoch's objective for the Chinchilla law: the sum over points of Huber_δ(ln L̂ − ln L), with ln L̂ computed by
 * log-sum-exp of (a − α·ln N, b − β·ln D, e), and its exact gradient (science.md section 2.1).
 *
 * <p>The parameter vector is [a, b, e, α, β] with A = e^a, B = e^b, E = e^e. Logs of the data are taken once at
 * construction. Instances are immutable and safe to share between threads.
 *
 * <p>Every fit of the service spends its time here, so an evaluation takes the exponentials once per distinct N and
 * per distinct D (a family has a few model sizes, and its runs often share a token schedule) and one logarithm per
 * point; only when a term overflows or the sum underflows does it fall back to the shifted log-sum-exp per point.
 */
public final class ChinchillaObjective implements Objective {

    /** Points per chunk of a pass split across the cores. */
    private static final int CHUNK = 32_768;

    /** Entries of a run's {@link #runCurvature}: the gradient's 5 and the Hessian's 25. */
    static final int CURVATURE = 30;

    /** Entries of {@link #shiftedTerms}: three terms and their shift. */
    private static final int SHIFTED = 4;

    private final double[] lnN;
    private final double[] lnD;
    /** The distinct values of ln N and ln D, and each point's index into them. */
    private final Distinct byN;
    private final Distinct byD;
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
        this.byN = Distinct.of(lnN);
        this.byD = Distinct.of(lnD);
        this.weight = weight == null ? null : weight.clone();
        this.delta = delta;
    }

    /** The points of {@code base} with {@code weight}, which this instance owns from now on. */
    private ChinchillaObjective(ChinchillaObjective base, double[] weight) {
        if (weight.length != base.lnL.length) {
            throw new IllegalArgumentException("weight must have one value per point");
        }
        this.lnN = base.lnN;
        this.lnD = base.lnD;
        this.byN = base.byN;
        this.byD = base.byD;
        this.lnL = base.lnL;
        this.weight = weight;
        this.delta = base.delta;
    }

    /**
     * The same points with other weights, sharing this objective's logs and distinct values: a bootstrap resample
     * reweights runs, and taking a million logarithms again for each of a thousand resamples would cost more than
     * its fit.
     */
    public ChinchillaObjective reweighted(double[] weight) {
        return new ChinchillaObjective(this, weight.clone());
    }

    /**
     * {@link #reweighted} without the copy, for a caller that hands over a fresh array and never touches it again:
     * a bootstrap resample's weights, eight megabytes at a million points.
     */
    ChinchillaObjective owning(double[] weight) {
        return new ChinchillaObjective(this, weight);
    }

    /** Number of points. */
    public int size() {
        return lnL.length;
    }

    @Override
    public double valueAndGradient(double[] x, double[] g) {
        double[] termN = byN.exp(x[0], x[3]);
        double[] termD = byD.exp(x[1], x[4]);
        double termE = Math.exp(x[2]);
        if (termN == null || termD == null || !Double.isFinite(termE)) {
            return shifted(x, g);
        }
        int n = lnL.length;
        if (n <= CHUNK) {
            Sums sums = sums(0, n, termN, termD, termE);
            return sums == null ? shifted(x, g) : sums.into(g);
        }
        // A long family's pass is split across the cores, in fixed chunks summed in order so the value does not
        // depend on the scheduling.
        List<Sums> parts = IntStream.range(0, (n + CHUNK - 1) / CHUNK).parallel()
                .mapToObj(c -> sums(c * CHUNK, Math.min(n, (c + 1) * CHUNK), termN, termD, termE)).toList();
        Sums total = new Sums();
        for (Sums part : parts) {
            if (part == null) {
                return shifted(x, g);
            }
            total.merge(part);
        }
        return total.into(g);
    }

    /**
     * Each run's share of the objective's gradient and Hessian at {@code x}, the sums a linearised bootstrap
     * reweights ({@link LinearisedBootstrap}): per run, the 5 gradient entries, then the 5×5 Hessian row by row. The
     * Hessian is exact but at Huber's two kinks, where it takes the quadratic side.
     *
     * @param runIndex each point's run, in [0, runs)
     */
    double[][] runCurvature(double[] x, int[] runIndex, int runs) {
        double[][] out = new double[runs][CURVATURE];
        double[] gr = new double[5];
        double[] t = new double[SHIFTED];
        for (int i = 0; i < lnL.length; i++) {
            double w = weight == null ? 1.0 : weight[i];
            if (w == 0) {
                continue;
            }
            double sum = shiftedTerms(x, i, t);
            double r = t[3] + Math.log(sum) - lnL[i];
            // ln L̂ is the log-sum-exp of three terms linear in the parameters: its gradient is the softmax s spread
            // over them, its Hessian Σ s_k u_k u_kᵀ − ∇∇ᵀ with u_k each term's gradient.
            double s1 = t[0] / sum;
            double s2 = t[1] / sum;
            gr[0] = s1;
            gr[1] = s2;
            gr[2] = t[2] / sum;
            gr[3] = -s1 * lnN[i];
            gr[4] = -s2 * lnD[i];
            double psi = w * Huber.derivative(r, delta);
            double outer = w * (Math.abs(r) <= delta ? 1 : 0) - psi;
            double[] acc = out[runIndex[i]];
            for (int j = 0; j < 5; j++) {
                acc[j] += psi * gr[j];
                for (int k = 0; k < 5; k++) {
                    acc[5 + 5 * j + k] += outer * gr[j] * gr[k];
                }
            }
            addTerm(acc, 0, 3, psi * s1, lnN[i]);
            addTerm(acc, 1, 4, psi * s2, lnD[i]);
            acc[5 + 5 * 2 + 2] += psi * gr[2];
        }
        return out;
    }

    /** Adds c·u uᵀ for the term whose gradient u is 1 at {@code scale} and −ln X at {@code exponent}. */
    private static void addTerm(double[] acc, int scale, int exponent, double c, double lnX) {
        acc[5 + 5 * scale + scale] += c;
        acc[5 + 5 * scale + exponent] -= c * lnX;
        acc[5 + 5 * exponent + scale] -= c * lnX;
        acc[5 + 5 * exponent + exponent] += c * lnX * lnX;
    }

    /** The sums over points [from, to), or null when a point's sum underflows. */
    private Sums sums(int from, int to, double[] termN, double[] termD, double termE) {
        int[] ni = byN.index;
        int[] di = byD.index;
        Sums sums = new Sums();
        for (int i = from; i < to; i++) {
            if (weight != null && weight[i] == 0) {
                // A run a bootstrap resample did not draw: about a third of the points.
                continue;
            }
            double e1 = termN[ni[i]];
            double e2 = termD[di[i]];
            double sum = e1 + e2 + termE;
            if (!(sum >= Double.MIN_NORMAL)) {
                return null;
            }
            sums.add(i, Math.log(sum), sum, e1, e2, termE);
        }
        return sums;
    }

    /** The same sums with each point's log-sum-exp shifted by its largest term: slower, but never overflows. */
    double shifted(double[] x, double[] g) {
        Sums sums = new Sums();
        double[] t = new double[SHIFTED];
        for (int i = 0; i < lnL.length; i++) {
            double sum = shiftedTerms(x, i, t);
            sums.add(i, t[3] + Math.log(sum), sum, t[0], t[1], t[2]);
        }
        return sums.into(g);
    }

    /**
     * Point i's three terms divided by the largest, m, into {@code t} as [e1, e2, e3, m], so that
     * ln L̂ = m + ln(e1 + e2 + e3) cannot overflow; returns e1 + e2 + e3.
     */
    private double shiftedTerms(double[] x, int i, double[] t) {
        double t1 = x[0] - x[3] * lnN[i];
        double t2 = x[1] - x[4] * lnD[i];
        double m = Math.max(t1, Math.max(t2, x[2]));
        t[0] = Math.exp(t1 - m);
        t[1] = Math.exp(t2 - m);
        t[2] = Math.exp(x[2] - m);
        t[3] = m;
        return t[0] + t[1] + t[2];
    }

    /** The objective and its gradient, summed point by point. */
    private final class Sums {
        private double j;
        private double ga;
        private double gb;
        private double ge;
        private double galpha;
        private double gbeta;

        /** Adds point i, whose ln L̂ is {@code lnPredicted} = ln(sum) for terms e1, e2, e3 on a common scale. */
        void add(int i, double lnPredicted, double sum, double e1, double e2, double e3) {
            double r = lnPredicted - lnL[i];
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

        void merge(Sums other) {
            j += other.j;
            ga += other.ga;
            gb += other.gb;
            ge += other.ge;
            galpha += other.galpha;
            gbeta += other.gbeta;
        }

        double into(double[] g) {
            g[0] = ga;
            g[1] = gb;
            g[2] = ge;
            g[3] = galpha;
            g[4] = gbeta;
            return j;
        }
    }

    /**
     * The distinct values of a column and each point's index into them.
     *
     * @param values the distinct values
     * @param index each point's value's position in {@code values}
     */
    private record Distinct(double[] values, int[] index) {

        static Distinct of(double[] column) {
            Map<Double, Integer> seen = new HashMap<>();
            int[] index = new int[column.length];
            for (int i = 0; i < column.length; i++) {
                index[i] = seen.computeIfAbsent(column[i], v -> seen.size());
            }
            double[] values = new double[seen.size()];
            seen.forEach((v, k) -> values[k] = v);
            return new Distinct(values, index);
        }

        /** exp(c − slope·value) per distinct value, or null when one overflows. */
        double[] exp(double c, double slope) {
            double[] out = new double[values.length];
            for (int k = 0; k < values.length; k++) {
                out[k] = Math.exp(c - slope * values[k]);
                if (out[k] == Double.POSITIVE_INFINITY) {
                    return null;
                }
            }
            return out;
        }
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
