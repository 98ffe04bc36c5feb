-- MLflow-compatible logging (issue 22): an experiment is a lab's family, a run one MLflow run of a ScaleCast run
-- (several MLflow runs may share a name, e.g. a job resumed after a crash). Parameters and tags are kept for the
-- mapping of later metrics and for runs/get; the metrics themselves become checkpoint and eval events.
CREATE TABLE mlflow_experiment (
    id                BIGSERIAL PRIMARY KEY,
    lab               VARCHAR(64)  NOT NULL,
    name              VARCHAR(64)  NOT NULL,
    artifact_location TEXT,
    tags              JSONB        NOT NULL DEFAULT '{}',
    created_at        TIMESTAMPTZ  NOT NULL,
    updated_at        TIMESTAMPTZ  NOT NULL,
    CONSTRAINT mlflow_experiment_name UNIQUE (lab, name)
);

CREATE TABLE mlflow_run (
    run_id        VARCHAR(32)  PRIMARY KEY,
    experiment_id BIGINT       NOT NULL REFERENCES mlflow_experiment (id),
    lab           VARCHAR(64)  NOT NULL,
    run_name      VARCHAR(200) NOT NULL,
    user_id       VARCHAR(256),
    status        VARCHAR(16)  NOT NULL,
    start_time    BIGINT,
    end_time      BIGINT,
    params        JSONB        NOT NULL DEFAULT '{}',
    tags          JSONB        NOT NULL DEFAULT '{}'
);
CREATE INDEX mlflow_run_experiment ON mlflow_run (experiment_id);
