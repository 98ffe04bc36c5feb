package io.scalecast.fit.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A run's newest published forecast, kept so the forecasts topic can be refilled from it. */
@Entity
@Table(name = "run_forecast")
public class RunForecastRow {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String lab;
    public String family;
    public String run;
    public long version;
    /** The published {@code RunForecast}, as JSON. */
    public String payload;

    @Column(name = "fitted_at")
    public Instant fittedAt;

    /** The run's last checkpoint when it was forecast. */
    @Column(name = "last_step")
    public Long lastStep;

    /** The forecast's last step (the planned end), or null when nothing is ahead. */
    @Column(name = "end_step")
    public Long endStep;
}
