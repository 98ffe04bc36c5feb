-- Each refit asks whether the family has a checkpoint with a learning rate (else it has no run to forecast): a partial
-- index answers that without reading the family's other checkpoints.
CREATE INDEX fit_point_rated ON fit_point (lab, family, metric) WHERE learning_rate IS NOT NULL;
