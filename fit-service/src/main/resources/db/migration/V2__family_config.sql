-- Per-family fit configuration set over REST; a family without a row uses the service defaults.
CREATE TABLE family_config (
    id                   BIGSERIAL PRIMARY KEY,
    lab                  VARCHAR(64)  NOT NULL,
    family               VARCHAR(64)  NOT NULL,
    metric               VARCHAR(128),
    token_cut            VARCHAR(32),
    pinned               TEXT,
    borrow_from          VARCHAR(64),
    borrow_mode          VARCHAR(8),
    bootstrap_resamples  INTEGER,
    updated_at           TIMESTAMPTZ  NOT NULL,
    CONSTRAINT family_config_key UNIQUE (lab, family)
);

-- A configuration change makes the family due for a refit without pretending its data changed.
ALTER TABLE family_state ADD COLUMN config_version BIGINT NOT NULL DEFAULT 0;

-- Scale-out: the partition of scalecast.observations a family's records arrive on decides which instance refits it;
-- each fit records the instance that ran it.
ALTER TABLE family_state ADD COLUMN partition_no INTEGER;
ALTER TABLE fit_result ADD COLUMN fitted_by VARCHAR(128);
