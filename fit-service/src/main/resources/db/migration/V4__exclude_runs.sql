-- Runs a family's fits leave out (diverged runs, or models kept for a downstream map only), as a JSON array.
ALTER TABLE family_config ADD COLUMN exclude_runs TEXT;
