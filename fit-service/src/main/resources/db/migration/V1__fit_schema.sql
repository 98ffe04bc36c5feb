-- fit-service's copy of the checkpoint observations it fits, per-family state for debouncing, and fit history.
CREATE TABLE fit_point (
    id           BIGSERIAL PRIMARY KEY,
    lab          VARCHAR(64)  NOT NULL,
    family       VARCHAR(64)  NOT NULL,
    run          VARCHAR(200) NOT NULL,
    metric       VARCHAR(128) NOT NULL,
    step         BIGINT       NOT NULL,
    params       DOUBLE PRECISION NOT NULL,
    tokens       DOUBLE PRECISION NOT NULL,
    value        DOUBLE PRECISION NOT NULL,
    revision     BIGINT       NOT NULL,
    ingested_at  TIMESTAMPTZ  NOT NULL,
    CONSTRAINT fit_point_natural_key UNIQUE (lab, family, run, metric, step)
);
CREATE INDEX fit_point_family ON fit_point (lab, family, metric);

CREATE TABLE family_state (
    id              BIGSERIAL PRIMARY KEY,
    lab             VARCHAR(64) NOT NULL,
    family          VARCHAR(64) NOT NULL,
    data_version    BIGINT      NOT NULL,
    dirty           BOOLEAN     NOT NULL,
    first_dirty_at  TIMESTAMPTZ,
    last_change_at  TIMESTAMPTZ NOT NULL,
    CONSTRAINT family_state_key UNIQUE (lab, family)
);
CREATE INDEX family_state_dirty ON family_state (last_change_at) WHERE dirty;

CREATE TABLE fit_result (
    id            BIGSERIAL PRIMARY KEY,
    lab           VARCHAR(64) NOT NULL,
    family        VARCHAR(64) NOT NULL,
    law           VARCHAR(64) NOT NULL,
    version       BIGINT      NOT NULL,
    data_version  BIGINT      NOT NULL,
    status        VARCHAR(16) NOT NULL,
    reason        TEXT,
    objective     DOUBLE PRECISION,
    payload       TEXT,
    fitted_at     TIMESTAMPTZ NOT NULL,
    CONSTRAINT fit_result_version UNIQUE (lab, family, law, version)
);

-- The outbox is service-support's (db/support/V0_1__outbox_and_published_topic.sql).
