#!/bin/sh
# STAND-IN for the NBA simulator's db/create_local_espn_database.py (POSIX sh, run as ${PYTHON:-sh} db/create_local_espn_database.py).
# Real one: rebuilds /tmp/espn_local.db from the local ESPN JSON files in data/nba_pbp/ (the original warns: hours).
# Offline demo and test double only: see examples/nba/README.md. Not the real script.
. "$(dirname "$0")/../../standin.sh"
[ $# -eq 0 ] || usage_error "unrecognized arguments: $*"
standin_begin espn-db
sample_games | awk -F, -v OFS=, '{ print $1, $2, $3, $4, $5, $6, $7 }' > "$SIM_OUT/tmp/espn_local.db.part"
mv "$SIM_OUT/tmp/espn_local.db.part" "$SIM_OUT/tmp/espn_local.db"
log "rebuilt $SIM_OUT/tmp/espn_local.db: $(wc -l < "$SIM_OUT/tmp/espn_local.db" | tr -d ' ') games"
