package io.scalecast.eval.model;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The checkpoint losses of each family. */
@ApplicationScoped
public class LossPointRepository implements PanacheRepository<LossPoint> {

    /**
     * The losses of a family's metric at the checkpoints that have an evaluation result: only those are ever paired,
     * and a family streaming checkpoints without evaluations has many thousands of the others.
     */
    public List<LossPoint> forEvaluatedCheckpoints(String lab, String family, String metric) {
        return list("from LossPoint l where l.lab = ?1 and l.family = ?2 and l.metric = ?3 and exists (from EvalPoint e"
                + " where e.lab = l.lab and e.family = l.family and e.run = l.run and e.step = l.step)",
                lab, family, metric);
    }
}
