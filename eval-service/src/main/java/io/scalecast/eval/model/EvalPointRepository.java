package io.scalecast.eval.model;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The evaluation results of each family. */
@ApplicationScoped
public class EvalPointRepository implements PanacheRepository<EvalPoint> {

    /** How many results of a family have no loss of their checkpoint in {@code metric}. */
    public long countWithoutLoss(String lab, String family, String metric) {
        return count("from EvalPoint e where e.lab = ?1 and e.family = ?2 and not exists (from LossPoint l where"
                + " l.lab = e.lab and l.family = e.family and l.run = e.run and l.step = e.step and l.metric = ?3)",
                lab, family, metric);
    }

    /** Every result of a family, by benchmark, metric, run and step. */
    public List<EvalPoint> forFamily(String lab, String family) {
        return list("lab = ?1 and family = ?2 order by benchmark, metric, run, step", lab, family);
    }
}
