package io.scalecast.ingest.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An MLflow run: its ScaleCast run name, status and the parameters that map its metrics. */
@Entity
@Table(name = "mlflow_run")
public class MlflowRunRecord {

    @Id
    @Column(name = "run_id")
    public String runId;

    @Column(name = "experiment_id")
    public long experimentId;
    public String lab;
    /** The experiment's name: the family the run's points belong to. */
    public String family;
    @Column(name = "run_name")
    public String runName;
    @Column(name = "user_id")
    public String userId;
    public String status;
    @Column(name = "start_time")
    public Long startTime;
    @Column(name = "end_time")
    public Long endTime;
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> params = new LinkedHashMap<>();
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> tags = new LinkedHashMap<>();
}
