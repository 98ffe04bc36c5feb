package io.scalecast.support.recovery;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.util.List;

/**
 * Finds the newest published version of every versioned thing of a history table (a fit history, a map history):
 * what a compacted topic that lost its records needs to hold again.
 */
public final class LatestPublished {

    private LatestPublished() {
    }

    /**
     * The ids of the newest row with status {@code ok} of each (lab, family, {@code kind}) in scope, in key order.
     *
     * @param table the schema-qualified table, with columns id, lab, family, status, version and {@code kind}
     * @param kind the column that tells one versioned thing of a family from another (a law, a benchmark)
     */
    @SuppressWarnings("unchecked")
    public static List<Long> ids(EntityManager entities, String table, String kind, RepublishScope scope) {
        String sql = "SELECT DISTINCT ON (lab, family, " + kind + ") id FROM " + table + " WHERE status = 'ok'"
                + (scope.lab() == null ? "" : " AND lab = :lab")
                + (scope.family() == null ? "" : " AND family = :family")
                + " ORDER BY lab, family, " + kind + ", version DESC";
        Query q = entities.createNativeQuery(sql, Long.class);
        if (scope.lab() != null) {
            q.setParameter("lab", scope.lab());
        }
        if (scope.family() != null) {
            q.setParameter("family", scope.family());
        }
        return q.getResultList();
    }
}
