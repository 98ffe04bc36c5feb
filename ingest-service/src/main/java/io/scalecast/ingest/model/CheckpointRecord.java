package io.scalecast.ingest.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** One stored checkpoint metric, unique on (lab, family, run, metric, step). */
@Entity
@Table(name = "checkpoint")
public class CheckpointRecord {

    // A pooled sequence, not IDENTITY: Hibernate can then batch the inserts of a poll's rows (V4/V5 migrations).
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "checkpoint_id")
    @SequenceGenerator(name = "checkpoint_id", sequenceName = "checkpoint_id_seq", allocationSize = 50)
    public Long id;

    public String lab;
    public String family;
    public String run;
    public String metric;
    public long step;
    public double params;
    public double tokens;
    public double value;

    @Column(name = "learning_rate")
    public Double learningRate;

    public double flops;

    @Column(name = "event_time")
    public String eventTime;

    public long revision;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
