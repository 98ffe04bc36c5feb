-- Alerts become incidents (issue 20): one open per run and kind until the run recovers, with a severity; a family may
-- set a target loss its runs' forecast ends are held to; each run's forecast records how far it has come and where it
-- ends, so that runs silent before their end are found without reading forecasts' payloads.
ALTER TABLE run_alert ADD COLUMN severity VARCHAR(16) NOT NULL DEFAULT 'warning';
ALTER TABLE run_alert ADD COLUMN recovered_at TIMESTAMPTZ;
ALTER TABLE run_alert ADD COLUMN recovered_step BIGINT;
ALTER TABLE run_alert DROP CONSTRAINT run_alert_key;
CREATE UNIQUE INDEX run_alert_open ON run_alert (lab, family, run, kind) WHERE recovered_at IS NULL;
CREATE INDEX run_alert_run ON run_alert (lab, family, run, kind, step);

ALTER TABLE family_config ADD COLUMN target_loss DOUBLE PRECISION;

ALTER TABLE run_forecast ADD COLUMN last_step BIGINT;
ALTER TABLE run_forecast ADD COLUMN end_step BIGINT;
