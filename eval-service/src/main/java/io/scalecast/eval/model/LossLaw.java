package io.scalecast.eval.model;

import io.scalecast.core.law.ChinchillaLaw;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A family's newest Chinchilla law, for the losses of checkpoints that have results but no loss observation. */
@Entity
@Table(name = "loss_law")
public class LossLaw {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String lab;
    public String family;
    public long version;
    public double e;
    public double a;
    public double b;
    public double alpha;
    public double beta;

    @Column(name = "received_at")
    public Instant receivedAt;

    /** The law. */
    public ChinchillaLaw law() {
        return new ChinchillaLaw(e, a, b, alpha, beta);
    }

    /** Sets the parameters from a law. */
    public void set(ChinchillaLaw law) {
        e = law.e();
        a = law.a();
        b = law.b();
        alpha = law.alpha();
        beta = law.beta();
    }
}
