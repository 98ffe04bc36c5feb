package io.scalecast.core.law;

/**
 * Gadre et al.'s loss in compute and token multiplier (2024, eq. 4), in the form their repository fits:
 * L(N, M) = E + a·N^p + b·6^(p/2)·(M·N)^p with p &lt; 0 and M = D/N. Equivalently L(C, M) = E + (a'·M^η + b'·M^−η)·C^−η
 * with η = −p/2, a' = a·6^η, b' = b; in Chinchilla form A = a, B = b·6^(p/2), α = β = −p.
 *
 * @param e irreducible loss E
 * @param a the parameter term's scale
 * @param b the data term's scale
 * @param p the shared exponent (negative)
 */
public record OvertrainingLaw(double e, double a, double b, double p) {

    /** The loss of N parameters trained with token multiplier M (D = M·N). */
    public double loss(double params, double multiplier) {
        return e + a * Math.pow(params, p) + b * Math.pow(6, p / 2) * Math.pow(multiplier * params, p);
    }

    /** η of the compute form. */
    public double eta() {
        return -p / 2;
    }

    /** The same law in Chinchilla form (α = β). */
    public ChinchillaLaw toChinchilla() {
        return new ChinchillaLaw(e, a, b * Math.pow(6, p / 2), -p, -p);
    }
}
