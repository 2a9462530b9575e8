-- Daily aggregates of pruned runs, readable with the runs still present (shotclock stats): the
-- longest duration of each (workflow, day, end state), and a histogram of durations per (workflow,
-- day) from which percentiles are read. Buckets are log-linear, 16 per power of two of
-- milliseconds (DurationBuckets), so a percentile read from them is within about 3 % of the exact
-- one. Rows pruned before this migration keep their counts and totals, without durations.
ALTER TABLE sc_run_daily ADD COLUMN max_ms BIGINT NULL;

CREATE TABLE sc_run_daily_durations (
  workflow_id      VARCHAR(200)             NOT NULL,
  run_day          DATE                     NOT NULL,
  bucket           INTEGER                  NOT NULL,
  runs             BIGINT                   NOT NULL,
  PRIMARY KEY (workflow_id, run_day, bucket)
);
