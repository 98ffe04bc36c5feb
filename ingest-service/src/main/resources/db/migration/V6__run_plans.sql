-- Each run's declared plan (issue 20): the newest accepted revision per run. A changed plan raises the revision; the
-- same plan sent again changes nothing.
CREATE TABLE run_plan (
    id              BIGSERIAL PRIMARY KEY,
    lab             VARCHAR(64)  NOT NULL,
    family          VARCHAR(64)  NOT NULL,
    run             VARCHAR(200) NOT NULL,
    schedule        TEXT         NOT NULL,
    params          DOUBLE PRECISION,
    tokens_per_step DOUBLE PRECISION,
    event_time      VARCHAR(64),
    revision        BIGINT       NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL,
    updated_at      TIMESTAMPTZ  NOT NULL,
    CONSTRAINT run_plan_natural_key UNIQUE (lab, family, run)
);
