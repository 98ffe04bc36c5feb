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

    /** Records {@code changes} changed points of a family that arrive on {@code partition}; see {@link #touch}. */
    public void touchData(String lab, String family, int partition, int changes) {
        touch(lab, family, "dataVersion = dataVersion + ?5, partitionNo = ?4", s -> {
            s.dataVersion = changes;
            s.partitionNo = partition;
        }, partition, (long) changes);
    }

    /** Records a configuration change of a family; see {@link #touch}. */
    public void touchConfig(String lab, String family) {
        touch(lab, family, "configVersion = configVersion + 1", s -> s.configVersion = 1);
    }

    /**
     * Counts a change of a family in one statement, so that no writer overwrites another's count or a refit's
     * {@link #markClean} with a value it read earlier (a batch of observations holds its transaction open while a
     * refit or a configuration change commits): the family becomes due (its debounce clock restarts, its oldest
     * unfitted change is kept). The first change creates the row.
     */
    private void touch(String lab, String family, String change, Consumer<FamilyState> first, Object... values) {
        Instant now = Instant.now();
        String set = change + ", lastChangeAt = ?3, firstDirtyAt = case when dirty = true then firstDirtyAt else ?3"
                + " end, dirty = true where lab = ?1 and family = ?2";
        Object[] params = new Object[3 + values.length];
        params[0] = lab;
        params[1] = family;
        params[2] = now;
        System.arraycopy(values, 0, params, 3, values.length);
        int updated = update(set, params);
        if (updated == 0) {
            FamilyState s = new FamilyState();
            s.lab = lab;
            s.family = family;
            first.accept(s);
            s.dirty = true;
            s.firstDirtyAt = now;
            s.lastChangeAt = now;
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
