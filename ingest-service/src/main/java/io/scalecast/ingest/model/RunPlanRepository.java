package io.scalecast.ingest.model;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Stored run plans, looked up by run. */
@ApplicationScoped
public class RunPlanRepository implements PanacheRepository<RunPlanRecord> {

    public Optional<RunPlanRecord> findByRun(String lab, String family, String run) {
        return find("lab = ?1 and family = ?2 and run = ?3", lab, family, run).firstResultOptional();
    }
}
