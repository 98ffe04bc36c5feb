package io.scalecast.ingest.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** One stored evaluation result, unique on (lab, family, run, step, benchmark, metric). */
@Entity
@Table(name = "eval_result")
public class EvalRecord {

    // A pooled sequence, not IDENTITY: Hibernate can then batch the inserts of a poll's rows (V4/V5 migrations).
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "eval_result_id")
    @SequenceGenerator(name = "eval_result_id", sequenceName = "eval_result_id_seq", allocationSize = 50)
    public Long id;

    public String lab;
    public String family;
    public String run;
    public long step;
    public String benchmark;
    public String metric;
    public double params;
    public double tokens;
    public double value;
    public Double chance;
    public Integer shots;

    @Column(name = "event_time")
    public String eventTime;

    public long revision;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
