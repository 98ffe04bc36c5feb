package io.scalecast.ingest.model;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** MLflow experiments, found within their lab only. */
@ApplicationScoped
public class MlflowExperimentRepository implements PanacheRepository<MlflowExperimentRecord> {

    public Optional<MlflowExperimentRecord> findByName(String lab, String name) {
        return find("lab = ?1 and name = ?2", lab, name).firstResultOptional();
    }

    public Optional<MlflowExperimentRecord> findInLab(String lab, long id) {
        return find("lab = ?1 and id = ?2", lab, id).firstResultOptional();
    }
}
