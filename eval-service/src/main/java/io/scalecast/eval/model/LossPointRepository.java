package io.scalecast.eval.model;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/** The checkpoint losses of each family. */
@ApplicationScoped
public class LossPointRepository implements PanacheRepository<LossPoint> {

    public Optional<LossPoint> findByKey(String lab, String family, String run, long step, String metric) {
        return find("lab = ?1 and family = ?2 and run = ?3 and step = ?4 and metric = ?5", lab, family, run, step,
                metric).firstResultOptional();
    }

    /** Every loss of a family's metric. */
    public List<LossPoint> forFamily(String lab, String family, String metric) {
        return list("lab = ?1 and family = ?2 and metric = ?3", lab, family, metric);
    }
}
