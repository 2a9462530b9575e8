-- The oldest waiting task of a priority (the watchdog's CRITICAL-age alarm, every minute): with
-- only (state, created_at) this read every waiting task of the other priorities older than it,
-- all 100,000 of a large backfill. Partial: only PENDING and RETRY_WAIT row versions are indexed,
-- so a claim or a completion (a task leaving those states) writes no entry here; an enqueue one.
CREATE INDEX ix_sc_tasks_waiting ON sc_tasks (priority, created_at)
  WHERE state IN ('PENDING', 'RETRY_WAIT');
