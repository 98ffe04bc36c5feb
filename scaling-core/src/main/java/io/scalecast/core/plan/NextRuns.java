package io.scalecast.core.plan;

import io.scalecast.core.data.FamilyData;
import io.scalecast.core.data.RunWeighting;
import io.scalecast.core.fit.Huber;
import io.scalecast.core.law.ChinchillaLaw;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.RealMatrix;

/**
 * Ranks candidate training runs by how much each would narrow a target prediction's 95% interval per FLOP spent, from
 * the linearised covariance of the family's Chinchilla law in its log form (the expected information a run adds, as
 * in optimal experimental design): a candidate adds the rows of its checkpoints to JᵀWJ at the current law, and the
 * target's log-loss variance gᵀ(JᵀWJ)⁻¹g·s² before and after gives the interval widths, with s² the residual variance
 * times the Huber fit's variance ratio ({@link Huber#varianceRatio}: the family's laws are Huber fits, not least
 * squares).
 */
public final class NextRuns {

    /** The log-space parameters' names, in {@link ChinchillaLaw#toLogVector()} order. */
    static final List<String> NAMES = List.of("A", "B", "E", "alpha", "beta");
    private static final String[] PINS = {"pins A", "pins B", "pins E", "pins alpha", "pins beta"};
    private static final int P = ChinchillaLaw.PARAMETERS;
    /** The normal 97.5% quantile: intervals are 95%. */
    private static final double Z = 1.959963984540054;

    private final ChinchillaLaw law;
    private final double[][] information;
    /** The inverse of {@link #information}, or null when singular: every candidate's reason compares with it. */
    private final double[][] covariance;
    private final double noise;
    /** The variance of one checkpoint's log loss about the law: a check run's final loss varies by it too. */
    private final double pointVariance;
    private final double maxParams;
    private final double maxTokens;
    private final int checkpoints;
    private final double firstCheckpoint;

    /**
     * @param law the family's current law
     * @param data the points it was fitted on
     * @param checkpoints how many checkpoints of a candidate run are fitted (log-spaced up to its tokens)
     * @param firstCheckpoint the first fitted checkpoint's share of a candidate's tokens (the token cut)
     */
    public NextRuns(ChinchillaLaw law, FamilyData data, int checkpoints, double firstCheckpoint) {
        if (checkpoints < 1 || !(firstCheckpoint > 0 && firstCheckpoint <= 1)) {
            throw new IllegalArgumentException("need checkpoints >= 1 and 0 < firstCheckpoint <= 1");
        }
        this.law = law;
        this.checkpoints = checkpoints;
        this.firstCheckpoint = firstCheckpoint;
        this.information = new double[P][P];
        double[] weights = runWeights(data);
        double residuals = 0;
        double squares = 0;
        for (int i = 0; i < data.size(); i++) {
            addRow(information, gradient(data.params()[i], data.tokens()[i]), weights[i]);
            double r = Math.log(data.loss()[i]) - Math.log(law.loss(data.params()[i], data.tokens()[i]));
            residuals += weights[i] * r * r;
            squares += r * r;
        }
        this.pointVariance = squares / Math.max(1, data.size() - P);
        // The variance of a point of unit weight (a checkpoint of weight w has variance noise / w), times how much more
        // the family's Huber fit varies than the least-squares fit the covariance is written for.
        double variance = residuals / Math.max(1, data.size() - P);
        this.noise = variance * Huber.varianceRatio(Math.sqrt(variance), Huber.DEFAULT_DELTA);
        this.covariance = inverse(information);
        this.maxParams = data.maxParams();
        this.maxTokens = data.maxTokens();
    }

    /** A plan for candidates fitted in {@code shape}: its checkpoints from its first share of the tokens on. */
    public NextRuns(ChinchillaLaw law, FamilyData data, Candidates.Shape shape) {
        this(law, data, shape.checkpoints(), shape.firstShare());
    }

    /**
     * A candidate run ranked for the target.
     *
     * @param params its parameters N
     * @param tokens its training tokens D
     * @param flops its cost, 6·N·D
     * @param widthAfter the target interval's expected width (in loss) once the run is fitted
     * @param shrinkPerFlop how much it narrows the interval per FLOP
     * @param why why it ranks there
     */
    public record Candidate(double params, double tokens, double flops, double widthAfter, double shrinkPerFlop,
                            String why) {
    }

    /**
     * The ranking for a target.
     *
     * @param width the target interval's width now (in loss), infinite when the data leave a parameter free
     * @param candidates the candidates, most shrink per FLOP first
     */
    public record Ranking(double width, List<Candidate> candidates) {
    }

    /** Ranks the candidates ({@code {N, D}} pairs) for the prediction at {@code (params, tokens)}. */
    public Ranking rank(double params, double tokens, List<double[]> candidates) {
        double[] g = gradient(params, tokens);
        double now = width(covariance, g, params, tokens);
        List<Candidate> ranked = new ArrayList<>();
        for (double[] c : candidates) {
            double[][] after = inverse(withRun(c[0], c[1]));
            double width = width(after, g, params, tokens);
            double flops = 6 * c[0] * c[1];
            double shrink = Double.isInfinite(now) ? (Double.isFinite(width) ? Double.MAX_VALUE / flops : 0)
                    : (now - width) / flops;
            ranked.add(new Candidate(c[0], c[1], flops, width, shrink, why(c[0], c[1], after)));
        }
        ranked.sort(Comparator.comparingDouble(Candidate::shrinkPerFlop).reversed());
        return new Ranking(now, List.copyOf(ranked));
    }

    /**
     * The run that tests a width before a lab bets on it: twice the largest fitted size (at most the target's) at the
     * target's tokens per parameter, with the 95% interval its final loss should land in (the law's uncertainty there
     * and one checkpoint's noise). A width met with small runs is optimistic (docs/benchmarks.md); a check run that
     * lands outside its interval says the law is off, and it is fitted like any other run.
     *
     * @param params the check run's N
     * @param tokens its D
     * @param flops its cost, 6ND
     * @param loss the law's loss there
     * @param lower the 95% interval its final loss should land in: lower end
     * @param upper upper end (infinite while a parameter is free)
     */
    public record Check(double params, double tokens, double flops, double loss, double lower, double upper) {

        /** Whether a final loss of {@code observed} lands in the interval. */
        public boolean holds(double observed) {
            return lower <= observed && observed <= upper;
        }
    }

    /** The check run for the target at {@code (params, tokens)}; its interval is unbounded while a parameter is free. */
    public Check check(double params, double tokens) {
        double n = Math.min(2 * maxParams, params);
        double d = n * tokens / params;
        double loss = law.loss(n, d);
        double sd = Math.sqrt(logVariance(covariance, gradient(n, d)) + pointVariance);
        return new Check(n, d, 6 * n * d, loss, loss * Math.exp(-Z * sd), loss * Math.exp(Z * sd));
    }

    /** What a ranking's expected widths rest on, in words, for a candidate fitted as {@code shape} says. */
    public static List<String> assumptions(Candidates.Shape shape) {
        return List.of("widths come from the law's linearised covariance at its current parameters: the law's form"
                        + " holds and a new run moves its parameters little",
                "each run weighs 1 in the fit; the noise is the fit's residual variance per run, times the Huber fit's"
                        + " variance ratio under Gaussian noise (up to pi/2 over least squares)",
                shape.checkpoints() == 1 ? "a candidate is fitted at its final checkpoint only, as the family's"
                        + " runs are" : String.format(Locale.ROOT, "a candidate is fitted at %d checkpoints log-spaced"
                        + " from %.2g of its tokens to its end, as the family's runs are", shape.checkpoints(),
                        shape.firstShare()),
                "a candidate costs 6ND FLOPs",
                "in simulation (docs/benchmarks.md) labs that trained the first-ranked run until the width met a"
                        + " goal ended with intervals holding the truth in 14 of 20 seeds, at 14% of the FLOPs of a"
                        + " size grid at 20 tokens per parameter (whose intervals held in 20 of 20); labs that then"
                        + " trained the check run until one landed in its interval, in 17 of 20 at 89% of the grid's"
                        + " FLOPs: the width after cheap small runs is optimistic, so train the check run before"
                        + " betting on it");
    }

    /** The information matrix once a run of {@code params} trained on {@code tokens} is fitted too. */
    double[][] withRun(double params, double tokens) {
        double[][] after = new double[P][];
        for (int i = 0; i < P; i++) {
            after[i] = information[i].clone();
        }
        for (int k = 0; k < checkpoints; k++) {
            double share = checkpoints == 1 ? 1 : Math.pow(firstCheckpoint, 1 - (double) k / (checkpoints - 1));
            addRow(after, gradient(params, tokens * share), 1.0 / checkpoints);
        }
        return after;
    }

    /**
     * Why a candidate helps: it extends the data's range, or it pins the parameter whose variance shrinks most;
     * {@code after} is the covariance once it is fitted too (null when singular).
     */
    private String why(double params, double tokens, double[][] after) {
        List<String> reasons = new ArrayList<>();
        if (params > maxParams) {
            reasons.add(String.format(Locale.ROOT, "extends N %.2gx beyond the largest run", params / maxParams));
        }
        if (tokens > maxTokens) {
            reasons.add(String.format(Locale.ROOT, "extends D %.2gx beyond the longest run", tokens / maxTokens));
        }
        if (covariance != null && after != null) {
            int best = 0;
            for (int i = 1; i < P; i++) {
                if (after[i][i] / covariance[i][i] < after[best][best] / covariance[best][best]) {
                    best = i;
                }
            }
            reasons.add(String.format(Locale.ROOT, "%s (its standard error x%.2f)", PINS[best],
                    Math.sqrt(after[best][best] / covariance[best][best])));
        } else if (after != null) {
            reasons.add("makes every parameter identifiable");
        }
        return String.join("; ", reasons);
    }

    /**
     * The 95% interval's width in loss at the target under covariance {@code cov} (infinite when null): the law's
     * loss times exp(±z·sd) of the log loss.
     */
    private double width(double[][] cov, double[] g, double params, double tokens) {
        double sd = Math.sqrt(logVariance(cov, g));
        return law.loss(params, tokens) * (Math.exp(Z * sd) - Math.exp(-Z * sd));
    }

    /** The law's log-loss variance along gradient {@code g} under covariance {@code cov}: infinite when null. */
    private double logVariance(double[][] cov, double[] g) {
        if (cov == null) {
            return Double.POSITIVE_INFINITY;
        }
        double variance = 0;
        for (int i = 0; i < P; i++) {
            for (int j = 0; j < P; j++) {
                variance += g[i] * cov[i][j] * g[j];
            }
        }
        return Math.max(variance, 0) * noise;
    }

    /** The gradient of the log loss in [ln A, ln B, ln E, α, β]: the three terms' shares, times −ln N or −ln D. */
    double[] gradient(double params, double tokens) {
        double termA = law.a() * Math.pow(params, -law.alpha());
        double termB = law.b() * Math.pow(tokens, -law.beta());
        double loss = law.e() + termA + termB;
        double wa = termA / loss;
        double wb = termB / loss;
        return new double[] {wa, wb, law.e() / loss, -wa * Math.log(params), -wb * Math.log(tokens)};
    }

    /** Every run weighs 1 in total, as a candidate's checkpoints do, whatever its logging rate. */
    private static double[] runWeights(FamilyData data) {
        double[] w = RunWeighting.RUN.weights(data);
        double scale = (double) data.runs() / data.size();
        for (int i = 0; i < w.length; i++) {
            w[i] *= scale;
        }
        return w;
    }

    private static void addRow(double[][] info, double[] g, double weight) {
        for (int i = 0; i < P; i++) {
            for (int j = 0; j < P; j++) {
                info[i][j] += weight * g[i] * g[j];
            }
        }
    }

    /** The inverse, or null when the matrix is singular (a parameter the data leave free). */
    private static double[][] inverse(double[][] m) {
        LUDecomposition lu = new LUDecomposition(new Array2DRowRealMatrix(m), 1e-14);
        if (!lu.getSolver().isNonSingular()) {
            return null;
        }
        RealMatrix inv = lu.getSolver().getInverse();
        return inv.getData();
    }
}
