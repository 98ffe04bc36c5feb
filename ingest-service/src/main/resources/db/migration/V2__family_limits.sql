-- What each family holds of each kind (checkpoint, eval), kept with every new row so the per-family limits cost one
-- statement, not a count. Kinds apart: the checkpoint and eval consumers never wait on each other's counters.
CREATE TABLE family_usage (
    id      BIGSERIAL PRIMARY KEY,
    lab     VARCHAR(64) NOT NULL,
    family  VARCHAR(64) NOT NULL,
    kind    VARCHAR(16) NOT NULL,
    runs    INTEGER     NOT NULL,
    points  BIGINT      NOT NULL,
    CONSTRAINT family_usage_key UNIQUE (lab, family, kind)
);

-- The runs of each family and kind, so a point tells whether it starts a new run with one insert.
CREATE TABLE family_run (
    lab     VARCHAR(64)  NOT NULL,
    family  VARCHAR(64)  NOT NULL,
    kind    VARCHAR(16)  NOT NULL,
    run     VARCHAR(200) NOT NULL,
    PRIMARY KEY (lab, family, kind, run)
);

INSERT INTO family_run (lab, family, kind, run)
SELECT DISTINCT lab, family, 'checkpoint', run FROM checkpoint
UNION SELECT DISTINCT lab, family, 'eval', run FROM eval_result;

INSERT INTO family_usage (lab, family, kind, runs, points)
SELECT lab, family, 'checkpoint', count(DISTINCT run), count(*) FROM checkpoint GROUP BY lab, family
UNION ALL SELECT lab, family, 'eval', count(DISTINCT run), count(*) FROM eval_result GROUP BY lab, family;
