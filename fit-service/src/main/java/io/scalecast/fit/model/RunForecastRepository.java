package io.scalecast.fit.model;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.scalecast.support.recovery.RepublishScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.TypedQuery;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Each run's newest forecast. */
@ApplicationScoped
public class RunForecastRepository implements PanacheRepository<RunForecastRow> {

    /** The run's stored forecast, if it has one. */
    public Optional<RunForecastRow> findRun(String lab, String family, String run) {
        return find("lab = ?1 and family = ?2 and run = ?3", lab, family, run).firstResultOptional();
    }

    /** Every run forecast of a family. */
    public List<RunForecastRow> forFamily(String lab, String family) {
        return list("lab = ?1 and family = ?2", lab, family);
    }

    /**
     * Forecasts of runs not at their end yet and not known to be silent, of families on the given partitions (or on
     * none yet): the runs that can fall silent.
     */
    public List<RunForecastRow> unfinished(Set<Integer> partitions) {
        String owned = partitions.isEmpty() ? "s.partitionNo is null" : "(s.partitionNo is null or s.partitionNo in ?1)";
        String query = "endStep is not null and lastStep < endStep and exists (select 1 from FamilyState s where"
                + " s.lab = lab and s.family = family and " + owned + ") and not exists (select 1 from RunAlertRow a"
                + " where a.lab = lab and a.family = family and a.run = run and a.kind = 'silent'"
                + " and a.recoveredAt is null)";
        return partitions.isEmpty() ? list(query) : list(query, partitions);
    }

    /** The ids of the forecasts in scope, in key order. */
    public List<Long> ids(RepublishScope scope) {
        TypedQuery<Long> q = getEntityManager().createQuery("select r.id from RunForecastRow r where"
                + " (:lab is null or r.lab = :lab) and (:family is null or r.family = :family)"
                + " order by r.lab, r.family, r.run", Long.class);
        return q.setParameter("lab", scope.lab()).setParameter("family", scope.family()).getResultList();
    }
}
