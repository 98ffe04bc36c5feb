package io.scalecast.eval.model;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/** The evaluation results of each family. */
@ApplicationScoped
public class EvalPointRepository implements PanacheRepository<EvalPoint> {

    public Optional<EvalPoint> findByKey(String lab, String family, String run, long step, String benchmark,
                                         String metric) {
        return find("lab = ?1 and family = ?2 and run = ?3 and step = ?4 and benchmark = ?5 and metric = ?6",
                lab, family, run, step, benchmark, metric).firstResultOptional();
    }

    /** Every result of a family, by benchmark, metric, run and step. */
    public List<EvalPoint> forFamily(String lab, String family) {
        return list("lab = ?1 and family = ?2 order by benchmark, metric, run, step", lab, family);
    }
}
