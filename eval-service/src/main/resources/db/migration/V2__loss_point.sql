-- The loss of each checkpoint, so that each evaluation result can be paired with the loss of the same checkpoint
-- whichever of the two arrives first.
CREATE TABLE loss_point (
    id           BIGSERIAL PRIMARY KEY,
    lab          VARCHAR(64)  NOT NULL,
    family       VARCHAR(64)  NOT NULL,
    run          VARCHAR(200) NOT NULL,
    step         BIGINT       NOT NULL,
    metric       VARCHAR(128) NOT NULL,
    value        DOUBLE PRECISION NOT NULL,
    revision     BIGINT       NOT NULL,
    ingested_at  TIMESTAMPTZ  NOT NULL,
    CONSTRAINT loss_point_natural_key UNIQUE (lab, family, run, step, metric)
);
CREATE INDEX loss_point_family ON loss_point (lab, family, metric);
