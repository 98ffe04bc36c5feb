package io.scalecast.fit.model;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/** The points of each family. */
@ApplicationScoped
public class FitPointRepository implements PanacheRepository<FitPoint> {

    public Optional<FitPoint> findByKey(String lab, String family, String run, String metric, long step) {
        return find("lab = ?1 and family = ?2 and run = ?3 and metric = ?4 and step = ?5",
                lab, family, run, metric, step).firstResultOptional();
    }

    /** Every point of a family's metric, ordered by run and step. */
    public List<PointRow> forFamily(String lab, String family, String metric) {
        return find("lab = ?1 and family = ?2 and metric = ?3 order by run, step", lab, family, metric)
                .project(PointRow.class).list();
    }
}
