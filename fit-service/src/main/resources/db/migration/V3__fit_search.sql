-- What a refit needs from the previous fit without re-reading its payload, and how each fit searched.
ALTER TABLE fit_result ADD COLUMN newest_ingested_at TIMESTAMPTZ;
ALTER TABLE fit_result ADD COLUMN search VARCHAR(8);
ALTER TABLE fit_result ADD COLUMN search_reason TEXT;
CREATE INDEX fit_result_family ON fit_result (lab, family, law, status, version DESC);
