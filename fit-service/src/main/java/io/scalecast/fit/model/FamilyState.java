package io.scalecast.fit.model;

import io.scalecast.support.dirty.DirtyFamily;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** Whether a family has data or configuration its latest fit has not seen, and since when: the refit loop's input. */
@Entity
@Table(name = "family_state")
public class FamilyState extends DirtyFamily {

    /** Counts configuration changes, so that a change during a fit is not marked clean by that fit. */
    @Column(name = "config_version")
    public long configVersion;
}
