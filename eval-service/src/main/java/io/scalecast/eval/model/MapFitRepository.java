package io.scalecast.eval.model;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.scalecast.support.recovery.LatestPublished;
import io.scalecast.support.recovery.RepublishScope;
import jakarta.enterprise.context.ApplicationScoped;
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

    /** A family's maps, newest first, of one benchmark or (null) of every benchmark. */
    public List<MapFit> history(String lab, String family, String benchmark) {
        return benchmark == null ? list("lab = ?1 and family = ?2 order by fittedAt desc, id desc", lab, family)
                : list("lab = ?1 and family = ?2 and benchmark = ?3 order by version desc", lab, family, benchmark);
    }

    /** The ids of the newest published version of every benchmark in scope: what a topic that lost them needs again. */
    public List<Long> latestPublishedIds(RepublishScope scope) {
        return LatestPublished.ids(getEntityManager(), "eval.map_fit", "benchmark", scope);
    }
}
