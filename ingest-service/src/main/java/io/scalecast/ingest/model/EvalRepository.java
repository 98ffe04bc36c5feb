package io.scalecast.ingest.model;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Stored evaluation results, looked up by their natural key. */
@ApplicationScoped
public class EvalRepository implements PanacheRepository<EvalRecord> {

    public Optional<EvalRecord> findByKey(String lab, String family, String run, long step, String benchmark,
                                          String metric) {
        return find("lab = ?1 and family = ?2 and run = ?3 and step = ?4 and benchmark = ?5 and metric = ?6",
                lab, family, run, step, benchmark, metric).firstResultOptional();
    }
}
