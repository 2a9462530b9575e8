#!/bin/sh
# STAND-IN for the NBA simulator's etl/basketball_reference_incremental_scraper.py (POSIX sh, run as ${PYTHON:-sh} etl/basketball_reference_incremental_scraper.py).
# Real one: current-season aggregates from basketball-reference.com (>= 3 s between requests, stops on 429).
# Like the real one today it has no --upload-to-s3 and no --days: argparse exits 2 on them.
# Offline demo and test double only: see examples/nba/README.md. Not the real script.
. "$(dirname "$0")/../../standin.sh"
season=2025-26
while [ $# -gt 0 ]; do
  case $1 in
    --season) [ $# -ge 2 ] || usage_error "argument --season: expected one argument"; season=$2; shift 2 ;;
    --dry-run) shift ;;
    *) usage_error "unrecognized arguments: $1" ;;
  esac
done
standin_begin bbref "--season $season"
mkdir -p "$SIM_OUT/s3/basketball_reference/$season"
sample_games | awk -F, '{ t[$3]++; t[$4]++ } END { for (k in t) print k "," t[k] }' | sort \
  > "$SIM_OUT/s3/basketball_reference/$season/team_games.csv"
log "Basketball Reference: season $season aggregates for $(wc -l < "$SIM_OUT/s3/basketball_reference/$season/team_games.csv" | tr -d ' ') teams"
