package io.scalecast.eval.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One fit of a benchmark's loss-to-error map, published or skipped with the reason. */
@Entity
@Table(name = "map_fit")
public class MapFit {

    /** A map was fitted and published. */
    public static final String OK = "ok";
    /** The benchmark had too little paired data; {@link #reason} says what. */
    public static final String SKIPPED = "skipped";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String lab;
    public String family;
    public String benchmark;
    public long version;
    public String status;
    public String reason;
    public String form;
    public Boolean reliable;
    public String payload;

    @Column(name = "fitted_at")
    public Instant fittedAt;

    /** The instance (process id and host) that fitted it. */
    @Column(name = "fitted_by")
    public String fittedBy;
}
