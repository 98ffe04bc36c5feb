package io.scalecast.ingest.model;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.Optional;

/** MLflow runs by their id, found within their lab only. */
@ApplicationScoped
public class MlflowRunRepository implements PanacheRepositoryBase<MlflowRunRecord, String> {

    public Optional<MlflowRunRecord> findInLab(String lab, String runId) {
        return find("lab = ?1 and runId = ?2", lab, runId).firstResultOptional();
    }

    /** The run, locked until the transaction ends: its parameters are read, checked and extended in one go. */
    public Optional<MlflowRunRecord> lockInLab(String lab, String runId) {
        return find("lab = ?1 and runId = ?2", lab, runId).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
    }
}
