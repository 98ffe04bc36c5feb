package io.scalecast.ingest.model;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/** Stored checkpoints, looked up by their natural key. */
@ApplicationScoped
public class CheckpointRepository implements PanacheRepository<CheckpointRecord> {

    public Optional<CheckpointRecord> findByKey(String lab, String family, String run, String metric, long step) {
        return find("lab = ?1 and family = ?2 and run = ?3 and metric = ?4 and step = ?5",
                lab, family, run, metric, step).firstResultOptional();
    }

    /**
     * The stored rows of {@code keys} (a JSON array of distinct {@code {"lab", "family", "run", "metric", "step"}}
     * objects), as managed entities: one statement for a whole batch of events.
     */
    @SuppressWarnings("unchecked")
    public List<CheckpointRecord> findByKeys(String keys) {
        return getEntityManager().createNativeQuery("SELECT c.* FROM ingest.checkpoint c JOIN jsonb_to_recordset("
                        + "CAST(?1 AS jsonb)) AS k(lab text, family text, run text, metric text, step bigint)"
                        + " ON c.lab = k.lab AND c.family = k.family AND c.run = k.run AND c.metric = k.metric"
                        + " AND c.step = k.step", CheckpointRecord.class)
                .setParameter(1, keys).getResultList();
    }

    /**
     * How many of {@code keys} (a JSON array of distinct {@code {"run", "metric", "step"}} objects) the family does
     * not hold yet: one statement, however many keys.
     */
    public long countNew(String lab, String family, String keys) {
        Number n = (Number) getEntityManager().createNativeQuery("SELECT count(*) FROM jsonb_to_recordset(CAST(?1 AS"
                        + " jsonb)) AS k(run text, metric text, step bigint) WHERE NOT EXISTS (SELECT 1 FROM"
                        + " ingest.checkpoint c WHERE c.lab = ?2 AND c.family = ?3 AND c.run = k.run"
                        + " AND c.metric = k.metric AND c.step = k.step)")
                .setParameter(1, keys).setParameter(2, lab).setParameter(3, family).getSingleResult();
        return n.longValue();
    }
}
