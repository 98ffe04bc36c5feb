package io.scalecast.fit.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A family's stored fit configuration; a null column means the service default. */
@Entity
@Table(name = "family_config")
public class FamilyConfig {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String lab;
    public String family;
    public String metric;

    @Column(name = "token_cut")
    public String tokenCut;

    /** Pinned parameters as a JSON object of name to value. */
    public String pinned;

    @Column(name = "borrow_from")
    public String borrowFrom;

    @Column(name = "borrow_mode")
    public String borrowMode;

    @Column(name = "bootstrap_resamples")
    public Integer bootstrapResamples;

    /** Runs left out of every fit, as a JSON array of run names. */
    @Column(name = "exclude_runs")
    public String excludeRuns;

    /** The loss a run's forecast end is held to, or null for none. */
    @Column(name = "target_loss")
    public Double targetLoss;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
