-- A run's plan or the family's target changes only its runs' forecasts: counted apart from data and configuration,
-- and the versions the laws were last fitted at say whether the laws are due too (-1: never fitted, so due).
ALTER TABLE family_state ADD COLUMN runs_version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE family_state ADD COLUMN laws_data_version BIGINT NOT NULL DEFAULT -1;
ALTER TABLE family_state ADD COLUMN laws_config_version BIGINT NOT NULL DEFAULT -1;
ALTER TABLE family_state ADD COLUMN laws_fitted_at TIMESTAMPTZ;
