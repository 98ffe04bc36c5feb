-- eval-service's copy of the downstream evaluation results, and the outbox for the downstream laws it publishes.
CREATE TABLE eval_point (
    id           BIGSERIAL PRIMARY KEY,
    lab          VARCHAR(64)  NOT NULL,
    family       VARCHAR(64)  NOT NULL,
    run          VARCHAR(200) NOT NULL,
    step         BIGINT       NOT NULL,
    benchmark    VARCHAR(128) NOT NULL,
    metric       VARCHAR(128) NOT NULL,
    params       DOUBLE PRECISION NOT NULL,
    tokens       DOUBLE PRECISION NOT NULL,
    value        DOUBLE PRECISION NOT NULL,
    chance       DOUBLE PRECISION,
    shots        INTEGER,
    revision     BIGINT       NOT NULL,
    ingested_at  TIMESTAMPTZ  NOT NULL,
    CONSTRAINT eval_point_natural_key UNIQUE (lab, family, run, step, benchmark, metric)
);
CREATE INDEX eval_point_family ON eval_point (lab, family, benchmark);

CREATE TABLE outbox (
    id          BIGSERIAL PRIMARY KEY,
    topic       VARCHAR(255) NOT NULL,
    record_key  VARCHAR(512) NOT NULL,
    payload     TEXT         NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL,
    sent_at     TIMESTAMPTZ
);
CREATE INDEX outbox_unsent ON outbox (id) WHERE sent_at IS NULL;
