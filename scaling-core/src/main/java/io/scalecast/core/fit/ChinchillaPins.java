package io.scalecast.core.fit;

import io.scalecast.core.law.ChinchillaLaw;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameters of the Chinchilla law held at fixed values during a fit, e.g. A and α borrowed from another family
 * when a family has too few model sizes (the Hitchhiker's guide, section 5 and appendix A). The fit then has fewer
 * free parameters and says so.
 */
public final class ChinchillaPins {

    /** Parameter names in the order of the log-space vector [a, b, e, α, β]. */
    public static final List<String> NAMES = List.of("A", "B", "E", "alpha", "beta");

    private static final ChinchillaPins NONE = new ChinchillaPins(new double[] {Double.NaN, Double.NaN, Double.NaN,
            Double.NaN, Double.NaN}, Map.of());

    private final double[] logVector;
    private final Map<String, Double> values;

    private ChinchillaPins(double[] logVector, Map<String, Double> values) {
        this.logVector = logVector;
        this.values = values;
    }

    /** No parameter pinned. */
    public static ChinchillaPins none() {
        return NONE;
    }

    /**
     * Pins parameters by name (A, B, E, alpha, beta) at linear-space values.
     *
     * @throws IllegalArgumentException naming the parameter when a name is unknown or a value is out of range
     */
    public static ChinchillaPins of(Map<String, Double> pinned) {
        double[] v = NONE.logVector.clone();
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
        return new ChinchillaPins(v, Collections.unmodifiableMap(kept));
    }

    /** Pins A and α at a donor family's values: the Hitchhiker's borrowing for families with few sizes. */
    public static ChinchillaPins borrowParamsTerm(ChinchillaLaw donor) {
        return of(Map.of("A", donor.a(), "alpha", donor.alpha()));
    }

    /** The pinned values by name. */
    public Map<String, Double> values() {
        return values;
    }

    /** Number of free parameters. */
    public int free() {
        return NAMES.size() - values.size();
    }

    /** Whether log-space index {@code i} is pinned. */
    boolean pinned(int i) {
        return !Double.isNaN(logVector[i]);
    }

    /** The free coordinates of a full log-space vector. */
    double[] project(double[] full) {
        double[] y = new double[free()];
        int k = 0;
        for (int i = 0; i < full.length; i++) {
            if (!pinned(i)) {
                y[k++] = full[i];
            }
        }
        return y;
    }

    /** The full log-space vector for free coordinates {@code y}. */
    double[] expand(double[] y) {
        double[] x = new double[logVector.length];
        int k = 0;
        for (int i = 0; i < x.length; i++) {
            x[i] = pinned(i) ? logVector[i] : y[k++];
        }
        return x;
    }

    /** The objective over the free coordinates only. */
    Objective restrict(Objective full) {
        if (values.isEmpty()) {
            return full;
        }
        return (y, gy) -> {
            double[] grad = new double[logVector.length];
            double value = full.valueAndGradient(expand(y), grad);
            double[] free = project(grad);
            System.arraycopy(free, 0, gy, 0, free.length);
            return value;
        };
    }

    @Override
    public String toString() {
        return values.isEmpty() ? "none" : values.toString();
    }
}
