-- Raw observations as accepted, one row per natural key.
CREATE TABLE checkpoint (
    id            BIGSERIAL PRIMARY KEY,
    lab           VARCHAR(64)  NOT NULL,
    family        VARCHAR(64)  NOT NULL,
    run           VARCHAR(200) NOT NULL,
    metric        VARCHAR(128) NOT NULL,
    step          BIGINT       NOT NULL,
    params        DOUBLE PRECISION NOT NULL,
    tokens        DOUBLE PRECISION NOT NULL,
    value         DOUBLE PRECISION NOT NULL,
    learning_rate DOUBLE PRECISION,
    flops         DOUBLE PRECISION NOT NULL,
    event_time    VARCHAR(64),
    revision      BIGINT       NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL,
    updated_at    TIMESTAMPTZ  NOT NULL,
    CONSTRAINT checkpoint_natural_key UNIQUE (lab, family, run, metric, step)
);

CREATE TABLE eval_result (
    id          BIGSERIAL PRIMARY KEY,
    lab         VARCHAR(64)  NOT NULL,
    family      VARCHAR(64)  NOT NULL,
    run         VARCHAR(200) NOT NULL,
    step        BIGINT       NOT NULL,
    benchmark   VARCHAR(128) NOT NULL,
    metric      VARCHAR(128) NOT NULL,
    params      DOUBLE PRECISION NOT NULL,
    tokens      DOUBLE PRECISION NOT NULL,
    value       DOUBLE PRECISION NOT NULL,
    chance      DOUBLE PRECISION,
    shots       INTEGER,
    event_time  VARCHAR(64),
    revision    BIGINT       NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL,
    updated_at  TIMESTAMPTZ  NOT NULL,
    CONSTRAINT eval_result_natural_key UNIQUE (lab, family, run, step, benchmark, metric)
);

-- The outbox is service-support's (db/support/V0_1__outbox_and_published_topic.sql).
