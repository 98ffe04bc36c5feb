package io.scalecast.eval.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A checkpoint's loss, at its latest revision, to pair with the evaluation results of the same checkpoint. */
@Entity
@Table(name = "loss_point")
public class LossPoint {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String lab;
    public String family;
    public String run;
    public long step;
    public String metric;
    public double value;
    public long revision;

    @Column(name = "ingested_at")
    public Instant ingestedAt;
}
