package io.scalecast.ingest.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An MLflow experiment: one family of one lab, unique on (lab, name). */
@Entity
@Table(name = "mlflow_experiment")
public class MlflowExperimentRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String lab;
    /** The experiment's name, which is the family's. */
    public String name;
    @Column(name = "artifact_location")
    public String artifactLocation;
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> tags = new LinkedHashMap<>();
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
