#!/bin/sh
# STAND-IN for the NBA simulator's etl/espn_incremental_scraper.py (POSIX sh, run as ${PYTHON:-sh} etl/espn_incremental_scraper.py).
# Real one: loads the last 14 days of ESPN games and play-by-play into /tmp/espn_local.db.
# Offline demo and test double only: see examples/nba/README.md. Not the real script.
. "$(dirname "$0")/../../standin.sh"
days=14
while [ $# -gt 0 ]; do
  case $1 in
    --days-back) [ $# -ge 2 ] || usage_error "argument --days-back: expected one argument"; days=$2; shift 2 ;;
    --dry-run) shift ;;
    *) usage_error "unrecognized arguments: $1" ;;
  esac
done
standin_begin espn "--days-back $days"
sample_games | awk -F, -v OFS=, '{ print $1, $2, $3, $4, $5, $6, $7 }' > "$SIM_OUT/tmp/espn_local.db.part"
mv "$SIM_OUT/tmp/espn_local.db.part" "$SIM_OUT/tmp/espn_local.db"
log "ESPN incremental: $(wc -l < "$SIM_OUT/tmp/espn_local.db" | tr -d ' ') games of the last $days days in $SIM_OUT/tmp/espn_local.db"
