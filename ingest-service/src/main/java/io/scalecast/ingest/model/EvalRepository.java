package io.scalecast.ingest.model;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/** Stored evaluation results, looked up by their natural key. */
@ApplicationScoped
public class EvalRepository implements PanacheRepository<EvalRecord> {

    public Optional<EvalRecord> findByKey(String lab, String family, String run, long step, String benchmark,
                                          String metric) {
        return find("lab = ?1 and family = ?2 and run = ?3 and step = ?4 and benchmark = ?5 and metric = ?6",
                lab, family, run, step, benchmark, metric).firstResultOptional();
    }

    /**
     * The stored rows of {@code keys} (a JSON array of distinct {@code {"lab", "family", "run", "step", "benchmark",
     * "metric"}} objects), as managed entities: one statement for a whole batch of events.
     */
    @SuppressWarnings("unchecked")
    public List<EvalRecord> findByKeys(String keys) {
        return getEntityManager().createNativeQuery("SELECT e.* FROM ingest.eval_result e JOIN jsonb_to_recordset("
                        + "CAST(?1 AS jsonb)) AS k(lab text, family text, run text, step bigint, benchmark text,"
                        + " metric text) ON e.lab = k.lab AND e.family = k.family AND e.run = k.run"
                        + " AND e.step = k.step AND e.benchmark = k.benchmark AND e.metric = k.metric",
                        EvalRecord.class)
                .setParameter(1, keys).getResultList();
    }

    /**
     * How many of {@code keys} (a JSON array of distinct {@code {"run", "step", "benchmark", "metric"}} objects) the
     * family does not hold yet: one statement, however many keys.
     */
    public long countNew(String lab, String family, String keys) {
        Number n = (Number) getEntityManager().createNativeQuery("SELECT count(*) FROM jsonb_to_recordset(CAST(?1 AS"
                        + " jsonb)) AS k(run text, step bigint, benchmark text, metric text) WHERE NOT EXISTS"
                        + " (SELECT 1 FROM ingest.eval_result e WHERE e.lab = ?2 AND e.family = ?3 AND e.run = k.run"
                        + " AND e.step = k.step AND e.benchmark = k.benchmark AND e.metric = k.metric)")
                .setParameter(1, keys).setParameter(2, lab).setParameter(3, family).getSingleResult();
        return n.longValue();
    }
}
