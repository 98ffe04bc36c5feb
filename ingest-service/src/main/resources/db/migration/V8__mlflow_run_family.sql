-- Each run keeps its experiment's name (the family; an experiment is never renamed), so that logging a metric reads
-- the run alone instead of also its experiment on every call.
ALTER TABLE mlflow_run ADD COLUMN family VARCHAR(64);
UPDATE mlflow_run r SET family = e.name FROM mlflow_experiment e WHERE e.id = r.experiment_id;
ALTER TABLE mlflow_run ALTER COLUMN family SET NOT NULL;
