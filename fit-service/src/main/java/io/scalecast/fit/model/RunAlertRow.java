package io.scalecast.fit.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An incident of a run (open until {@code recoveredAt} is set), with the published {@code RunAlert} as JSON. */
@Entity
@Table(name = "run_alert")
public class RunAlertRow {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String lab;
    public String family;
    public String run;
    public String kind;
    public String severity;

    @Column(name = "forecast_version")
    public long forecastVersion;

    public long step;
    public String payload;

    @Column(name = "raised_at")
    public Instant raisedAt;

    @Column(name = "recovered_at")
    public Instant recoveredAt;

    @Column(name = "recovered_step")
    public Long recoveredStep;
}
