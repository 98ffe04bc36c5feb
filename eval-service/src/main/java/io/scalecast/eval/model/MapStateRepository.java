package io.scalecast.eval.model;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** The map state of each family. */
@ApplicationScoped
public class MapStateRepository implements PanacheRepository<MapState> {

    /**
     * Counts {@code changes} changes of a family's eval or loss data in one statement (so no writer overwrites
     * another's count or a refit's {@link #markClean}); the first change creates the row.
     */
    public void touch(String lab, String family, int changes) {
        Instant now = Instant.now();
        // The count is a parameter, so every count shares one query plan.
        int updated = update("dataVersion = dataVersion + ?4, lastChangeAt = ?3, firstDirtyAt = case"
                + " when dirty = true then firstDirtyAt else ?3 end, dirty = true where lab = ?1 and family = ?2",
                lab, family, now, (long) changes);
        if (updated == 0) {
            MapState s = new MapState();
            s.lab = lab;
            s.family = family;
            s.dataVersion = changes;
            s.dirty = true;
            s.firstDirtyAt = now;
            s.lastChangeAt = now;
            persist(s);
        }
    }

    /** Families whose data settled since {@code quietSince} or waited since {@code dirtySince}, oldest first. */
    public List<MapState> due(Instant quietSince, Instant dirtySince) {
        return list("dirty = true and (lastChangeAt <= ?1 or firstDirtyAt <= ?2) order by firstDirtyAt", quietSince,
                dirtySince);
    }

    /** Marks the family clean if its data did not change since the refit read it; returns whether it did. */
    public boolean markClean(long id, long dataVersion) {
        return update("dirty = false, firstDirtyAt = null where id = ?1 and dataVersion = ?2", id, dataVersion) == 1;
    }
}
