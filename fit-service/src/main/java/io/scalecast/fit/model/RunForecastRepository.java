package io.scalecast.fit.model;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.scalecast.support.recovery.RepublishScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.TypedQuery;
import java.util.List;
import java.util.Optional;

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

    /** The ids of the forecasts in scope, in key order. */
    public List<Long> ids(RepublishScope scope) {
        TypedQuery<Long> q = getEntityManager().createQuery("select r.id from RunForecastRow r where"
                + " (:lab is null or r.lab = :lab) and (:family is null or r.family = :family)"
                + " order by r.lab, r.family, r.run", Long.class);
        return q.setParameter("lab", scope.lab()).setParameter("family", scope.family()).getResultList();
    }
}
