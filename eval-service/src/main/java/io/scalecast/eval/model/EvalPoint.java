package io.scalecast.eval.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A downstream evaluation result, at its latest revision. */
@Entity
@Table(name = "eval_point")
public class EvalPoint {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
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
    public long revision;

    @Column(name = "ingested_at")
    public Instant ingestedAt;
}
