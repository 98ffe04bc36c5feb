-- Which families have eval or loss data their maps have not seen, and the history of every map fitted.
CREATE TABLE map_state (
    id              BIGSERIAL PRIMARY KEY,
    lab             VARCHAR(64) NOT NULL,
    family          VARCHAR(64) NOT NULL,
    data_version    BIGINT      NOT NULL,
    dirty           BOOLEAN     NOT NULL,
    first_dirty_at  TIMESTAMPTZ,
    last_change_at  TIMESTAMPTZ NOT NULL,
    CONSTRAINT map_state_key UNIQUE (lab, family)
);
CREATE INDEX map_state_dirty ON map_state (first_dirty_at) WHERE dirty;

CREATE TABLE map_fit (
    id          BIGSERIAL PRIMARY KEY,
    lab         VARCHAR(64)  NOT NULL,
    family      VARCHAR(64)  NOT NULL,
    benchmark   VARCHAR(128) NOT NULL,
    version     BIGINT       NOT NULL,
    status      VARCHAR(16)  NOT NULL,
    reason      TEXT,
    form        VARCHAR(16),
    reliable    BOOLEAN,
    payload     TEXT,
    fitted_at   TIMESTAMPTZ  NOT NULL,
    CONSTRAINT map_fit_version UNIQUE (lab, family, benchmark, version)
);
