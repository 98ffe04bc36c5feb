package io.scalecast.fit.model;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/** Per-family change tracking. */
@ApplicationScoped
public class FamilyStateRepository implements PanacheRepository<FamilyState> {

    public Optional<FamilyState> findFamily(String lab, String family) {
        return find("lab = ?1 and family = ?2", lab, family).firstResultOptional();
    }

    /**
     * Records a change of a family, creating its row: {@code change} updates the row, then the family becomes due
     * for a refit (its debounce clock restarts; its oldest unfitted change is kept).
     */
    public void touch(String lab, String family, Consumer<FamilyState> change) {
        Instant now = Instant.now();
        FamilyState s = findFamily(lab, family).orElseGet(FamilyState::new);
        s.lab = lab;
        s.family = family;
        change.accept(s);
        s.lastChangeAt = now;
        if (!s.dirty) {
            s.dirty = true;
            s.firstDirtyAt = now;
        }
        if (s.id == null) {
            persist(s);
        }
    }

    /**
     * Families of the owned partitions (or of none yet) whose data settled (no change since {@code quietSince}) or
     * waited too long ({@code dirtySince}).
     */
    public List<FamilyState> dueForRefit(Instant quietSince, Instant dirtySince, Set<Integer> partitions) {
        String owned = partitions.isEmpty() ? "partitionNo is null"
                : "(partitionNo is null or partitionNo in ?3)";
        String query = "dirty = true and (lastChangeAt <= ?1 or firstDirtyAt <= ?2) and " + owned
                + " order by firstDirtyAt";
        return partitions.isEmpty() ? list(query, quietSince, dirtySince)
                : list(query, quietSince, dirtySince, partitions);
    }

    /**
     * Marks the family clean if neither its data nor its configuration changed since the fit read them; returns
     * whether it did.
     */
    public boolean markClean(long id, long dataVersion, long configVersion) {
        return update("dirty = false, firstDirtyAt = null where id = ?1 and dataVersion = ?2 and configVersion = ?3",
                id, dataVersion, configVersion) == 1;
    }
}
