package io.scalecast.fit.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Whether a family has data its latest fit has not seen, and since when: the debouncer's input. */
@Entity
@Table(name = "family_state")
public class FamilyState {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String lab;
    public String family;

    @Column(name = "data_version")
    public long dataVersion;

    /** Counts configuration changes, so that a change during a fit is not marked clean by that fit. */
    @Column(name = "config_version")
    public long configVersion;

    /** The observations partition the family's records arrive on; null until its first observation. */
    @Column(name = "partition_no")
    public Integer partitionNo;

    public boolean dirty;

    @Column(name = "first_dirty_at")
    public Instant firstDirtyAt;

    @Column(name = "last_change_at")
    public Instant lastChangeAt;
}
