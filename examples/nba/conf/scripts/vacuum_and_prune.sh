#!/bin/sh
# Overnight cleanup: VACUUM the unified database and delete logs/overnight/*.log older than 30
# days (logs of runs from before ShotClock; its own run logs follow retention in shotclock.yaml).
. ./common.sh
if [ -z "$STANDIN" ]; then
  sqlite3 "$UNIFIED_DB" "VACUUM;"
fi
if [ -d "$BASE/logs/overnight" ]; then
  find "$BASE/logs/overnight" -name '*.log' -type f -mtime +30 -delete
fi
log "vacuumed $UNIFIED_DB; pruned old overnight logs"
