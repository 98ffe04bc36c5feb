package io.scalecast.eval.model;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The checkpoint losses of each family. */
@ApplicationScoped
public class LossPointRepository implements PanacheRepository<LossPoint> {

    /** Every loss of a family's metric. */
    public List<LossPoint> forFamily(String lab, String family, String metric) {
        return list("lab = ?1 and family = ?2 and metric = ?3", lab, family, metric);
    }
}
