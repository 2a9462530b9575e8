#!/bin/sh
# STAND-IN for the NBA simulator's etl/integrate_basketball_reference_aggregate.py (POSIX sh, run as ${PYTHON:-sh} etl/integrate_basketball_reference_aggregate.py).
# Real one: integrates the scraped aggregates into /tmp/basketball_reference_aggregate.db.
# Offline demo and test double only: see examples/nba/README.md. Not the real script.
. "$(dirname "$0")/../../standin.sh"
[ $# -eq 0 ] || usage_error "unrecognized arguments: $*"
standin_begin bbref-integrate
cat "$SIM_OUT"/s3/basketball_reference/*/team_games.csv > "$SIM_OUT/tmp/basketball_reference_aggregate.db" 2>/dev/null \
  || { echo "no Basketball Reference aggregates to integrate" >&2; exit 1; }
log "integrated $(wc -l < "$SIM_OUT/tmp/basketball_reference_aggregate.db" | tr -d ' ') team rows"
