-- Whole-curve forecasts of runs (issue 20): the learning rate each checkpoint logged, each run's newest plan, and
-- each run's newest forecast, which the outbox publishes and the recovery republishes.
ALTER TABLE fit_point ADD COLUMN learning_rate DOUBLE PRECISION;

CREATE TABLE run_plan (
    id        BIGSERIAL PRIMARY KEY,
    lab       VARCHAR(64)  NOT NULL,
    family    VARCHAR(64)  NOT NULL,
    run       VARCHAR(200) NOT NULL,
    schedule  TEXT         NOT NULL,
    revision  BIGINT       NOT NULL,
    CONSTRAINT run_plan_natural_key UNIQUE (lab, family, run)
);

CREATE TABLE run_forecast (
    id         BIGSERIAL PRIMARY KEY,
    lab        VARCHAR(64)  NOT NULL,
    family     VARCHAR(64)  NOT NULL,
    run        VARCHAR(200) NOT NULL,
    version    BIGINT       NOT NULL,
    payload    TEXT         NOT NULL,
    fitted_at  TIMESTAMPTZ  NOT NULL,
    CONSTRAINT run_forecast_key UNIQUE (lab, family, run)
);
