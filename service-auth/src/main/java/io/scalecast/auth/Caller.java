package io.scalecast.auth;

/**
 * Who makes a request: a key of one lab with its role, the site operator's key (every lab, admin), or nobody
 * checked when authentication is off.
 *
 * @param keyId the key's public id; {@code operator} or {@code unchecked} for the two special callers
 * @param lab the key's lab, or null when the caller may act for any lab (which the request must then name)
 * @param role the key's role
 */
public record Caller(String keyId, String lab, Role role) {

    /** The caller of every request while authentication is off. */
    public static final Caller UNCHECKED = new Caller("unchecked", null, Role.ADMIN);

    /** The site operator, whose key is configured rather than issued. */
    public static final Caller OPERATOR = new Caller("operator", null, Role.ADMIN);

    /** Whether this caller may act for any lab. */
    public boolean anyLab() {
        return lab == null;
    }

    /** Whether this caller may act for {@code otherLab}. */
    public boolean actsFor(String otherLab) {
        return anyLab() || lab.equals(otherLab);
    }
}
