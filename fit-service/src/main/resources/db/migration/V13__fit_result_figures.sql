-- A published law's figures (params, intervals, watermark, back-test ARE) for the law's history: its payload is
-- dropped after scalecast.fit.payloads-kept versions, and a history plot needs every version. The versions whose
-- payload is still stored get theirs now.
ALTER TABLE fit_result ADD COLUMN figures TEXT;

UPDATE fit_result
SET figures = jsonb_build_object(
        'params', payload::jsonb -> 'params',
        'intervals', COALESCE(payload::jsonb -> 'intervals', '{}'::jsonb),
        'watermark', payload::jsonb -> 'watermark',
        'backtestAre', payload::jsonb -> 'backtest' -> 'are')::text
WHERE payload IS NOT NULL AND status = 'ok';

