package io.scalecast.eval.model;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The evaluation results of each family. */
@ApplicationScoped
public class EvalPointRepository implements PanacheRepository<EvalPoint> {

    /** Every result of a family, by benchmark, metric, run and step. */
    public List<EvalPoint> forFamily(String lab, String family) {
        return list("lab = ?1 and family = ?2 order by benchmark, metric, run, step", lab, family);
    }
}
