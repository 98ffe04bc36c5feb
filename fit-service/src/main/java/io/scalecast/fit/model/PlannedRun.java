package io.scalecast.fit.model;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A run's newest plan as published on {@code scalecast.run-plans}: the schedule its forecast follows. */
@Entity
@Table(name = "run_plan")
public class PlannedRun {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String lab;
    public String family;
    public String run;
    public String schedule;
    public long revision;
}
