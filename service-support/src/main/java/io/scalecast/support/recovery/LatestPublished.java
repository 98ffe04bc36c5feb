package io.scalecast.support.recovery;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.util.List;
import java.util.function.Consumer;

/**
 * Finds the newest published version of every versioned thing of a history table (a fit history, a map history):
 * what a compacted topic that lost its records needs to hold again.
 */
public final class LatestPublished {

    /** Rows loaded at once. */
    static final int PAGE = 50;

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

    /**
     * Hands each row of {@code ids} to {@code each}, loading {@value #PAGE} at a time: a republish of
     * every lab may cover many thousand rows, whose payloads need not be held at once.
     */
    public static <T> void forEach(PanacheRepository<T> rows, List<Long> ids, Consumer<T> each) {
        for (int i = 0; i < ids.size(); i += PAGE) {
            rows.list("id in ?1", ids.subList(i, Math.min(ids.size(), i + PAGE))).forEach(each);
        }
    }
}
