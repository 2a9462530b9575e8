#!/bin/sh
# STAND-IN for the NBA simulator's etl/hoopr_incremental_scraper.py (POSIX sh, run as ${PYTHON:-sh} etl/hoopr_incremental_scraper.py).
# Real one: loads the last 7 days of hoopR schedule and play-by-play into /tmp/hoopr_local.db.
# Offline demo and test double only: see examples/nba/README.md. Not the real script.
. "$(dirname "$0")/../../standin.sh"
days=7
season=
while [ $# -gt 0 ]; do
  case $1 in
    --days-back) [ $# -ge 2 ] || usage_error "argument --days-back: expected one argument"; days=$2; shift 2 ;;
    --season) [ $# -ge 2 ] || usage_error "argument --season: expected one argument"; season=$2; shift 2 ;;
    --dry-run) shift ;;
    *) usage_error "unrecognized arguments: $1" ;;
  esac
done
standin_begin hoopr "--days-back $days${season:+ --season $season}"
sample_games | awk -F, -v OFS=, '{ print $1, $2, $3, $4, $5, $6, $8 }' > "$SIM_OUT/tmp/hoopr_local.db.part"
mv "$SIM_OUT/tmp/hoopr_local.db.part" "$SIM_OUT/tmp/hoopr_local.db"
log "hoopR incremental: $(wc -l < "$SIM_OUT/tmp/hoopr_local.db" | tr -d ' ') games in $SIM_OUT/tmp/hoopr_local.db"
