package io.scalecast.support.recovery;

/**
 * Which rows a republish covers.
 *
 * @param lab one lab, or null for every lab
 * @param family one family of that lab, or null for every family
 */
public record RepublishScope(String lab, String family) {

    /** Everything the service holds. */
    public static final RepublishScope ALL = new RepublishScope(null, null);

    public RepublishScope {
        if (family != null && lab == null) {
            throw new IllegalArgumentException("a family needs its lab");
        }
    }

    @Override
    public String toString() {
        if (lab == null) {
            return "every lab";
        }
        return family == null ? "lab " + lab : "family " + lab + "/" + family;
    }
}
