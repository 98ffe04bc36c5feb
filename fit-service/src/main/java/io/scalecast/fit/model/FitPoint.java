package io.scalecast.fit.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A checkpoint observation kept for fitting, at its latest revision. */
@Entity
@Table(name = "fit_point")
public class FitPoint {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String lab;
    public String family;
    public String run;
    public String metric;
    public long step;
    public double params;
    public double tokens;
    public double value;
    public long revision;

    /** The learning rate the checkpoint logged, or null. */
    @Column(name = "learning_rate")
    public Double learningRate;

    @Column(name = "ingested_at")
    public Instant ingestedAt;
}
