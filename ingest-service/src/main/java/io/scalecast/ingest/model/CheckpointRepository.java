package io.scalecast.ingest.model;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Stored checkpoints, looked up by their natural key. */
@ApplicationScoped
public class CheckpointRepository implements PanacheRepository<CheckpointRecord> {

    public Optional<CheckpointRecord> findByKey(String lab, String family, String run, String metric, long step) {
        return find("lab = ?1 and family = ?2 and run = ?3 and metric = ?4 and step = ?5",
                lab, family, run, metric, step).firstResultOptional();
    }
}
