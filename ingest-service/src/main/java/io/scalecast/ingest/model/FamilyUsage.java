package io.scalecast.ingest.model;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** How many runs and points of one kind (checkpoints, or eval results) a family holds, for its limits. */
@Entity
@Table(name = "family_usage")
public class FamilyUsage {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String lab;
    public String family;
    public String kind;
    public int runs;
    public long points;
}
