-- The oldest waiting task of a priority (the watchdog's CRITICAL-age alarm): per state, the first
-- row of (state, priority, created_at) instead of every waiting task of the other priorities. H2
-- has no partial index, so this one is full (claims and completions update it, as they do
-- ix_sc_tasks_state); PostgreSQL's V008 indexes only waiting tasks.
CREATE INDEX ix_sc_tasks_waiting ON sc_tasks (state, priority, created_at);
