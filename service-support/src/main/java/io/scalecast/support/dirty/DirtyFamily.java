package io.scalecast.support.dirty;

import jakarta.persistence.Column;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;

/**
 * Whether a family has data its latest fit has not seen, since when, and on which observations partition its records
 * arrive: the row a service's debounce loop ({@link DebounceLoop}) reads. Each service maps it to a table of its own
 * schema and may add columns.
 */
@MappedSuperclass
public abstract class DirtyFamily {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String lab;
    public String family;

    /** Counts data changes, so that a change during a fit is not marked clean by that fit. */
    @Column(name = "data_version")
    public long dataVersion;

    /** The observations partition the family's records arrive on; null until its first observation. */
    @Column(name = "partition_no")
    public Integer partitionNo;

    public boolean dirty;

    @Column(name = "first_dirty_at")
    public Instant firstDirtyAt;

    @Column(name = "last_change_at")
    public Instant lastChangeAt;
}
