-- Scheduler-wide pause (one row) and the link from a retry run to the run it retries.

CREATE TABLE sc_scheduler_state (
  id               INTEGER                  NOT NULL PRIMARY KEY,
  paused           BOOLEAN                  NOT NULL DEFAULT FALSE,
  paused_at        TIMESTAMP WITH TIME ZONE NULL,
  paused_by        VARCHAR(200)             NULL,
  pause_reason     VARCHAR(2000)            NULL,
  paused_until     TIMESTAMP WITH TIME ZONE NULL
);
INSERT INTO sc_scheduler_state (id, paused) VALUES (1, FALSE);

ALTER TABLE sc_runs ADD COLUMN retry_of BIGINT NULL;
