-- Cluster mode (several nodes on one PostgreSQL store; the same tables exist on H2 so that the
-- schema is one on both dialects).

-- Named step locks (`locks: ["source:espn"]`) held across the cluster: one row per lock held.
-- A row whose run is no longer RUNNING in that attempt (it ended, or another node took it over)
-- is stale and may be taken: a lock follows its run, so a dead node's locks pass to the node
-- that re-runs its runs, and nothing else needs to clean up.
CREATE TABLE sc_locks (
  name         VARCHAR(200)             NOT NULL PRIMARY KEY,
  node_id      VARCHAR(200)             NOT NULL,
  run_id       BIGINT                   NOT NULL,
  run_attempt  INT                      NOT NULL,
  step_id      VARCHAR(200)             NOT NULL,
  acquired_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Each node's clock against the store's (node minus store, in ms), measured by its watchdog:
-- slots, rate windows and leases are computed from node clocks, so they must agree.
ALTER TABLE sc_nodes ADD COLUMN clock_skew_ms BIGINT NULL;
ALTER TABLE sc_nodes ADD COLUMN clustered BOOLEAN DEFAULT FALSE NOT NULL;
