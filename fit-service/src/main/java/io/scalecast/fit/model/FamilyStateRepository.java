package io.scalecast.fit.model;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Per-family change tracking. */
@ApplicationScoped
public class FamilyStateRepository implements PanacheRepository<FamilyState> {

    public Optional<FamilyState> findFamily(String lab, String family) {
        return find("lab = ?1 and family = ?2", lab, family).firstResultOptional();
    }

    /** Families whose data settled (no change since {@code quietSince}) or waited too long ({@code dirtySince}). */
    public List<FamilyState> dueForRefit(Instant quietSince, Instant dirtySince) {
        return list("dirty = true and (lastChangeAt <= ?1 or firstDirtyAt <= ?2) order by firstDirtyAt",
                quietSince, dirtySince);
    }

    /** Marks the family clean if no change arrived since the fit read {@code dataVersion}; returns whether it did. */
    public boolean markClean(long id, long dataVersion) {
        return update("dirty = false, firstDirtyAt = null where id = ?1 and dataVersion = ?2", id, dataVersion) == 1;
    }
}
