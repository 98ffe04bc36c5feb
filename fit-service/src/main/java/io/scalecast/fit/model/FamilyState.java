package io.scalecast.fit.model;

import io.scalecast.support.dirty.DirtyFamily;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * Whether a family has data, configuration or runs its latest fit has not seen, and since when: the refit loop's
 * input.
 */
@Entity
@Table(name = "family_state")
public class FamilyState extends DirtyFamily {

    /** Counts configuration changes, so that a change during a fit is not marked clean by that fit. */
    @Column(name = "config_version")
    public long configVersion;

    /** Counts changes that concern only the family's runs' forecasts: a run's plan, the family's target. */
    @Column(name = "runs_version")
    public long runsVersion;

    /** The data version the family's laws were last fitted at; −1 before the first fit. */
    @Column(name = "laws_data_version")
    public long lawsDataVersion = -1;

    /** The configuration version the family's laws were last fitted at; −1 before the first fit. */
    @Column(name = "laws_config_version")
    public long lawsConfigVersion = -1;

    /** When the family's laws were last fitted; null before the first fit. */
    @Column(name = "laws_fitted_at")
    public Instant lawsFittedAt;

    /** Whether data or configuration changed since the laws were last fitted (a runs change alone does not). */
    public boolean lawsDue() {
        return dataVersion != lawsDataVersion || configVersion != lawsConfigVersion;
    }
}
