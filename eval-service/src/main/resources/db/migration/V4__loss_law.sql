-- The newest Chinchilla law of each family, read from scalecast.laws: it gives the loss of a checkpoint that has an
-- eval result but no loss observation of its own.
CREATE TABLE loss_law (
    id           BIGSERIAL PRIMARY KEY,
    lab          VARCHAR(64)  NOT NULL,
    family       VARCHAR(64)  NOT NULL,
    version      BIGINT       NOT NULL,
    e            DOUBLE PRECISION NOT NULL,
    a            DOUBLE PRECISION NOT NULL,
    b            DOUBLE PRECISION NOT NULL,
    alpha        DOUBLE PRECISION NOT NULL,
    beta         DOUBLE PRECISION NOT NULL,
    received_at  TIMESTAMPTZ  NOT NULL,
    CONSTRAINT loss_law_key UNIQUE (lab, family)
);
