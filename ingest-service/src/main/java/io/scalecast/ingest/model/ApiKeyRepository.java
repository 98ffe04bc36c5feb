package io.scalecast.ingest.model;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The issued API keys. */
@ApplicationScoped
public class ApiKeyRepository implements PanacheRepositoryBase<ApiKeyRecord, String> {

    /** The lab's keys, oldest first, revoked ones included. */
    public List<ApiKeyRecord> ofLab(String lab) {
        return list("lab = ?1 order by createdAt, id", lab);
    }
}
