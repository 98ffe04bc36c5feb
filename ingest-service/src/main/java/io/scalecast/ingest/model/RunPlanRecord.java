package io.scalecast.ingest.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A run's newest accepted plan, unique on (lab, family, run). */
@Entity
@Table(name = "run_plan")
public class RunPlanRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String lab;
    public String family;
    public String run;
    public String schedule;
    public Double params;
    @Column(name = "tokens_per_step")
    public Double tokensPerStep;
    @Column(name = "event_time")
    public String eventTime;
    public long revision;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
