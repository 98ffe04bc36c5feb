-- Alerts raised when a run's new checkpoints leave its forecast (issue 20): one per run, kind and forecast version.
CREATE TABLE run_alert (
    id                BIGSERIAL PRIMARY KEY,
    lab               VARCHAR(64)  NOT NULL,
    family            VARCHAR(64)  NOT NULL,
    run               VARCHAR(200) NOT NULL,
    kind              VARCHAR(32)  NOT NULL,
    forecast_version  BIGINT       NOT NULL,
    step              BIGINT       NOT NULL,
    payload           TEXT         NOT NULL,
    raised_at         TIMESTAMPTZ  NOT NULL,
    CONSTRAINT run_alert_key UNIQUE (lab, family, run, kind, forecast_version)
);
CREATE INDEX run_alert_lab_time ON run_alert (lab, raised_at);
