package io.scalecast.eval.model;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Query;
import java.util.List;
import java.util.Optional;

/** The history of each benchmark's maps. */
@ApplicationScoped
public class MapFitRepository implements PanacheRepository<MapFit> {

    /** The next version of a benchmark's map. */
    public long nextVersion(String lab, String family, String benchmark) {
        return latest(lab, family, benchmark).map(f -> f.version + 1).orElse(1L);
    }

    /** The newest fit of a benchmark's map. */
    public Optional<MapFit> latest(String lab, String family, String benchmark) {
        return find("lab = ?1 and family = ?2 and benchmark = ?3 order by version desc", lab, family, benchmark)
                .firstResultOptional();
    }

    /** The ids of the newest published map of every benchmark in scope, in key order. */
    @SuppressWarnings("unchecked")
    public List<Long> latestPublishedIds(String lab, String family) {
        String sql = "SELECT DISTINCT ON (lab, family, benchmark) id FROM eval.map_fit WHERE status = 'ok'"
                + (lab == null ? "" : " AND lab = :lab") + (family == null ? "" : " AND family = :family")
                + " ORDER BY lab, family, benchmark, version DESC";
        Query q = getEntityManager().createNativeQuery(sql, Long.class);
        if (lab != null) {
            q.setParameter("lab", lab);
        }
        if (family != null) {
            q.setParameter("family", family);
        }
        return q.getResultList();
    }
}
