package io.scalecast.support.dirty;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.scalecast.support.events.Arrival;
import io.scalecast.support.persistence.NewestRevisionUpsert;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Tracks which families are dirty, in one statement per change so that no writer overwrites another's count or a
 * refit's {@link #markClean} with a value it read earlier (a batch of observations holds its transaction open while
 * a refit commits), and finds the families of this instance's partitions that are due.
 *
 * @param <T> the service's row
 */
public abstract class DirtyFamilyRepository<T extends DirtyFamily> implements PanacheRepository<T> {

    /** A new row of the service's type. */
    protected abstract T newRow();

    public Optional<T> findFamily(String lab, String family) {
        return find("lab = ?1 and family = ?2", lab, family).firstResultOptional();
    }

    /** Records {@code changes} changed data points of a family whose records arrive on {@code partition}. */
    public void touchData(String lab, String family, int partition, int changes) {
        touch(lab, family, "dataVersion = dataVersion + ?5, partitionNo = ?4", s -> {
            s.dataVersion = changes;
            s.partitionNo = partition;
        }, partition, (long) changes);
    }

    /**
     * Counts the changes of each family among {@code arrivals} ({@code changed[i]}: whether arrival i changed a stored
     * row) in one statement per family, families in key order so that two batches cannot deadlock on their rows.
     */
    public void touchChanged(List<Arrival> arrivals, boolean[] changed) {
        NewestRevisionUpsert.changedByKey(arrivals, changed, a -> a.observation().key()).forEach(changes -> {
            Arrival last = changes.get(changes.size() - 1);
            touchData(last.observation().lab(), last.observation().family(), last.partition(), changes.size());
        });
    }

    /** Records {@code changes} changes of a family that did not come on the observations topic (a law, say). */
    public void touchData(String lab, String family, int changes) {
        touch(lab, family, "dataVersion = dataVersion + ?4", s -> s.dataVersion = changes, (long) changes);
    }

    /**
     * Counts a change of a family in one statement: the family becomes due (its debounce clock restarts, its oldest
     * unfitted change is kept). The first change creates the row.
     *
     * @param change the HQL assignments of the change, whose parameters start at ?4
     * @param first sets the change on a new row
     * @param values the change's parameters
     */
    protected void touch(String lab, String family, String change, Consumer<T> first, Object... values) {
        Instant now = Instant.now();
        String set = change + ", lastChangeAt = ?3, firstDirtyAt = case when dirty = true then firstDirtyAt else ?3"
                + " end, dirty = true where lab = ?1 and family = ?2";
        Object[] params = new Object[3 + values.length];
        params[0] = lab;
        params[1] = family;
        params[2] = now;
        System.arraycopy(values, 0, params, 3, values.length);
        if (update(set, params) == 0) {
            T s = newRow();
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
     * waited too long ({@code dirtySince}), oldest first.
     */
    public List<T> due(Instant quietSince, Instant dirtySince, Set<Integer> partitions) {
        String query = "dirty = true and (lastChangeAt <= ?1 or firstDirtyAt <= ?2) and " + owned(partitions, 3)
                + " order by firstDirtyAt";
        return partitions.isEmpty() ? list(query, quietSince, dirtySince)
                : list(query, quietSince, dirtySince, partitions);
    }

    /** The family's row when it belongs to the owned partitions (or to none yet), as {@link #due} holds them. */
    public Optional<T> findOwned(String lab, String family, Set<Integer> partitions) {
        String query = "lab = ?1 and family = ?2 and " + owned(partitions, 3);
        return (partitions.isEmpty() ? find(query, lab, family) : find(query, lab, family, partitions))
                .firstResultOptional();
    }

    /** The condition that a row belongs to {@code partitions} (or to none yet), the set being parameter {@code at}. */
    private static String owned(Set<Integer> partitions, int at) {
        return partitions.isEmpty() ? "partitionNo is null" : "(partitionNo is null or partitionNo in ?" + at + ")";
    }

    /** Marks the family clean if its data did not change since the refit read it; returns whether it did. */
    public boolean markClean(long id, long dataVersion) {
        return update("dirty = false, firstDirtyAt = null where id = ?1 and dataVersion = ?2", id, dataVersion) == 1;
    }
}
