package io.scalecast.core.fit;

import io.scalecast.core.law.ChinchillaLaw;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.RealMatrix;

/**
 * Constraints on the Chinchilla parameters during a fit, for families with too few model sizes to determine all five:
 * parameters pinned at fixed values (e.g. A and α borrowed from another family, the Hitchhiker's guide section 5 and
 * appendix A), or the guide's reduced form with three free parameters (section 9). Each is an affine map
 * x = offset + basis·z from the free parameters z to the log-space vector x = [a, b, e, α, β]; the fit then has fewer
 * free parameters and says so. A Gaussian prior on some of the parameters (a soft borrowing from another family) can be
 * added on top: it keeps every parameter free but pulls the named ones toward the donor's values.
 */
public final class ChinchillaPins {

    /** Parameter names in the order of the log-space vector [a, b, e, α, β]. */
    public static final List<String> NAMES = List.of("A", "B", "E", "alpha", "beta");

    /** Reduced forms by name, as a configuration or the CLI names them. */
    public static final List<String> FORMS = List.of("full", "tied-exponents");

    private static final ChinchillaPins NONE = pinning(new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN}, Map.of());

    /**
     * The Hitchhiker's "manual" form (their repository's {@code manual_chinchilla_power_law_fit}): across the fitted
     * families α and β are nearly linear in ln A and ln B, α = 0.0116280 + 0.05004588·ln A and
     * β = 0.23710262 + 0.03844353·ln B, leaving ln A, ln B and ln E free.
     */
    private static final ChinchillaPins TIED = new ChinchillaPins("tied-exponents",
            new double[] {0, 0, 0, 0.0116280, 0.23710262},
            new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {0.05004588, 0, 0}, {0, 0.03844353, 0}}, Map.of());

    /**
     * A Gaussian prior on one parameter, in the log-space coordinate the fit uses: for A, B and E, ln X ~ N(ln mean,
     * sd²) so {@code sd} is relative (0.1 is about ±10%); for α and β, X ~ N(mean, sd²).
     *
     * @param name A, B, E, alpha or beta
     * @param mean the prior's centre in linear space
     * @param sd its spread, relative for A, B, E and absolute for the exponents
     */
    public record Prior(String name, double mean, double sd) {

        public Prior {
            int i = NAMES.indexOf(name);
            if (i < 0) {
                throw new IllegalArgumentException("prior " + name + ": unknown parameter (use one of " + NAMES + ")");
            }
            if (!(Double.isFinite(mean) && (i >= 3 || mean > 0))) {
                throw new IllegalArgumentException("prior " + name + ": mean must be finite" + (i < 3 ? " and > 0" : "")
                        + ", was " + mean);
            }
            if (!(sd > 0 && Double.isFinite(sd))) {
                throw new IllegalArgumentException("prior " + name + ": sd must be finite and > 0, was " + sd);
            }
        }

        int index() {
            return NAMES.indexOf(name);
        }

        double logMean() {
            return index() < 3 ? Math.log(mean) : mean;
        }
    }

    private final String form;
    private final double[] offset;
    private final double[][] basis;
    private final double[][] pseudoInverse;
    private final Map<String, Double> values;
    private final List<Prior> priors;
    private final double priorWeight;

    private ChinchillaPins(String form, double[] offset, double[][] basis, Map<String, Double> values) {
        this(form, offset, basis, values, List.of(), 0);
    }

    private ChinchillaPins(String form, double[] offset, double[][] basis, Map<String, Double> values,
                           List<Prior> priors, double priorWeight) {
        this.form = form;
        this.offset = offset;
        this.basis = basis;
        this.pseudoInverse = pseudoInverse(basis);
        this.values = values;
        this.priors = List.copyOf(priors);
        this.priorWeight = priorWeight;
    }

    /** No parameter pinned. */
    public static ChinchillaPins none() {
        return NONE;
    }

    /**
     * A reduced form by name: {@code full} (no constraint) or {@code tied-exponents}.
     *
     * @throws IllegalArgumentException naming the forms when the name is unknown
     */
    public static ChinchillaPins form(String name) {
        return switch (name) {
            case "full" -> NONE;
            case "tied-exponents" -> TIED;
            default -> throw new IllegalArgumentException("form must be one of " + FORMS + ", was '" + name + "'");
        };
    }

    /**
     * Pins parameters by name (A, B, E, alpha, beta) at linear-space values.
     *
     * @throws IllegalArgumentException naming the parameter when a name is unknown or a value is out of range
     */
    public static ChinchillaPins of(Map<String, Double> pinned) {
        double[] v = new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        Map<String, Double> kept = new LinkedHashMap<>();
        for (Map.Entry<String, Double> p : pinned.entrySet()) {
            int i = NAMES.indexOf(p.getKey());
            double value = p.getValue() == null ? Double.NaN : p.getValue();
            if (i < 0) {
                throw new IllegalArgumentException("pin " + p.getKey() + ": unknown parameter (use one of " + NAMES + ")");
            }
            if (i < 3 && !(value > 0 && Double.isFinite(value))) {
                throw new IllegalArgumentException("pin " + p.getKey() + ": must be finite and > 0, was " + value);
            }
            if (i >= 3 && !(value >= 0 && value <= ChinchillaFitter.MAX_EXPONENT)) {
                throw new IllegalArgumentException("pin " + p.getKey() + ": must lie in [0, "
                        + ChinchillaFitter.MAX_EXPONENT + "], was " + value);
            }
            v[i] = i < 3 ? Math.log(value) : value;
            kept.put(p.getKey(), value);
        }
        if (kept.size() == NAMES.size()) {
            throw new IllegalArgumentException("pin: at least one parameter must stay free");
        }
        return pinning(v, Collections.unmodifiableMap(kept));
    }

    /**
     * Priors on A and α from a donor family's bootstrap draws: ln A and α each get the draws' mean and standard
     * deviation. The soft form of {@link #borrowParamsTerm}.
     *
     * @throws IllegalArgumentException when there are fewer than 2 draws
     */
    public static List<Prior> priorsOnParamsTerm(List<ChinchillaLaw> donorDraws) {
        if (donorDraws.size() < 2) {
            throw new IllegalArgumentException("a prior from a donor needs its bootstrap draws, has "
                    + donorDraws.size());
        }
        double[] lnA = donorDraws.stream().mapToDouble(l -> Math.log(l.a())).toArray();
        double[] alpha = donorDraws.stream().mapToDouble(ChinchillaLaw::alpha).toArray();
        return List.of(new Prior("A", Math.exp(mean(lnA)), sd(lnA)), new Prior("alpha", mean(alpha), sd(alpha)));
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElseThrow();
    }

    private static double sd(double[] v) {
        double m = mean(v);
        return Math.sqrt(Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / (v.length - 1));
    }

    /** Pins A and α at a donor family's values: the Hitchhiker's borrowing for families with few sizes. */
    public static ChinchillaPins borrowParamsTerm(ChinchillaLaw donor) {
        return of(Map.of("A", donor.a(), "alpha", donor.alpha()));
    }

    /**
     * The same constraint with Gaussian priors added as a penalty weight·Σ ½((x − mean)/sd)² on the objective. The
     * weight puts the prior in the objective's units: the summed Huber loss behaves like a Laplace log-likelihood of
     * the log residuals scaled by δ·b, with b their mean absolute size, so weight = δ·b makes the fit a posterior mode.
     *
     * @throws IllegalArgumentException when a prior names a pinned parameter
     */
    public ChinchillaPins withPriors(List<Prior> added, double weight) {
        for (Prior p : added) {
            if (values.containsKey(p.name())) {
                throw new IllegalArgumentException("prior " + p.name() + ": the parameter is pinned");
            }
        }
        if (!(weight > 0 && Double.isFinite(weight))) {
            throw new IllegalArgumentException("prior weight must be finite and > 0, was " + weight);
        }
        return new ChinchillaPins(form, offset, basis, values, added, weight);
    }

    /** The same constraint with the prior's parameters pinned at their means: a well-posed first pass. */
    public ChinchillaPins atPriorMeans() {
        if (!form.equals("full") && !form.equals("pinned")) {
            throw new IllegalArgumentException("priors combine with pins, not with the " + form + " form");
        }
        Map<String, Double> pinned = new LinkedHashMap<>(values);
        priors.forEach(p -> pinned.put(p.name(), p.mean()));
        return of(pinned);
    }

    /** The priors; empty when there are none. */
    public List<Prior> priors() {
        return priors;
    }

    /** The pinned values by name; empty for a reduced form. */
    public Map<String, Double> values() {
        return values;
    }

    /** The constraint's name: {@code full}, {@code pinned} or {@code tied-exponents}. */
    public String form() {
        return form;
    }

    /** Number of free parameters. */
    public int free() {
        return basis[0].length;
    }

    /** The free coordinates of a full log-space vector: exact for pins, the least-squares projection otherwise. */
    double[] project(double[] full) {
        double[] z = new double[free()];
        for (int j = 0; j < z.length; j++) {
            for (int i = 0; i < full.length; i++) {
                z[j] += pseudoInverse[j][i] * (full[i] - offset[i]);
            }
        }
        return z;
    }

    /** The full log-space vector for free coordinates {@code z}. */
    double[] expand(double[] z) {
        double[] x = offset.clone();
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < z.length; j++) {
                x[i] += basis[i][j] * z[j];
            }
        }
        return x;
    }

    /**
     * The objective over the free coordinates only, with the prior's penalty; its gradient is basisᵀ times the full
     * gradient.
     */
    Objective restrict(Objective full) {
        if (this == NONE) {
            return full;
        }
        return (z, gz) -> {
            double[] grad = new double[offset.length];
            double[] x = expand(z);
            double value = full.valueAndGradient(x, grad) + penalty(x, grad);
            toFree(grad, gz);
            return value;
        };
    }

    /** basisᵀ·grad into {@code gz}: a full gradient over the free coordinates. */
    private void toFree(double[] grad, double[] gz) {
        for (int j = 0; j < gz.length; j++) {
            gz[j] = 0;
            for (int i = 0; i < grad.length; i++) {
                gz[j] += basis[i][j] * grad[i];
            }
        }
    }

    /**
     * The gradient over the free coordinates of {@link #restrict}'s objective at the full vector {@code x}, given
     * the full objective's gradient there.
     */
    double[] freeGradient(double[] x, double[] fullGradient) {
        double[] grad = fullGradient.clone();
        penalty(x, grad);
        double[] gz = new double[free()];
        toFree(grad, gz);
        return gz;
    }

    /**
     * The Hessian over the free coordinates of {@link #restrict}'s objective, basisᵀ·(H + the priors' penalty
     * Hessian)·basis, given the full objective's Hessian H.
     */
    double[][] freeHessian(double[][] fullHessian) {
        double[][] h = new double[fullHessian.length][];
        for (int i = 0; i < h.length; i++) {
            h[i] = fullHessian[i].clone();
        }
        for (Prior p : priors) {
            h[p.index()][p.index()] += priorWeight / (p.sd() * p.sd());
        }
        int m = free();
        double[][] hz = new double[m][m];
        for (int a = 0; a < m; a++) {
            for (int b = 0; b < m; b++) {
                for (int i = 0; i < h.length; i++) {
                    for (int j = 0; j < h.length; j++) {
                        hz[a][b] += basis[i][a] * h[i][j] * basis[j][b];
                    }
                }
            }
        }
        return hz;
    }

    /** Adds the prior's penalty gradient to {@code grad} and returns the penalty. */
    private double penalty(double[] x, double[] grad) {
        double value = 0;
        for (Prior p : priors) {
            double u = (x[p.index()] - p.logMean()) / p.sd();
            value += 0.5 * priorWeight * u * u;
            grad[p.index()] += priorWeight * u / p.sd();
        }
        return value;
    }

    @Override
    public String toString() {
        return values.isEmpty() ? form : values.toString();
    }

    /** Pins as an affine map: the offset holds the pinned log values, the basis selects the free coordinates. */
    private static ChinchillaPins pinning(double[] logVector, Map<String, Double> values) {
        int free = (int) Arrays.stream(logVector).filter(Double::isNaN).count();
        double[] offset = new double[logVector.length];
        double[][] basis = new double[logVector.length][free];
        int k = 0;
        for (int i = 0; i < logVector.length; i++) {
            if (Double.isNaN(logVector[i])) {
                basis[i][k++] = 1;
            } else {
                offset[i] = logVector[i];
            }
        }
        return new ChinchillaPins(values.isEmpty() ? "full" : "pinned", offset, basis, values);
    }

    /** (BᵀB)⁻¹Bᵀ, the least-squares inverse of a basis with independent columns. */
    private static double[][] pseudoInverse(double[][] basis) {
        RealMatrix b = new Array2DRowRealMatrix(basis);
        RealMatrix btb = b.transpose().multiply(b);
        return new LUDecomposition(btb).getSolver().getInverse().multiply(b.transpose()).getData();
    }
}
