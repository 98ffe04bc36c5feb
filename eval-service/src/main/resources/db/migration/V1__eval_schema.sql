-- eval-service's copy of the downstream evaluation results.
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

-- The outbox is service-support's (db/support/V0_1__outbox_and_published_topic.sql).
