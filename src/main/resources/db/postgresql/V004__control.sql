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

-- One row per node: written by its watchdog on every tick (store writable, node alive).
CREATE TABLE sc_nodes (
  node_id          VARCHAR(200)             NOT NULL PRIMARY KEY,
  instance_id      VARCHAR(64)              NOT NULL,
  version          VARCHAR(64)              NULL,
  started_at       TIMESTAMP WITH TIME ZONE NOT NULL,
  last_seen        TIMESTAMP WITH TIME ZONE NOT NULL
);
