#!/bin/sh
# STAND-IN for the NBA simulator's etl/nba_api_async_scraper.py (POSIX sh, run as ${PYTHON:-sh} etl/nba_api_async_scraper.py).
# Real one: the ADCE orchestrator's scraper for this source, called with the task's --season.
# Offline demo and test double only: see examples/nba/README.md. Not the real script.
. "$(dirname "$0")/../../standin.sh"
season=
while [ $# -gt 0 ]; do
  case $1 in
    --season) [ $# -ge 2 ] || usage_error "argument --season: expected one argument"; season=$2; shift 2 ;;
    --dry-run) shift ;;
    *) usage_error "unrecognized arguments: $1" ;;
  esac
done
name=$(basename "$0" .py)
standin_begin "$name" "--season $season"
mkdir -p "$SIM_OUT/s3/$name"
echo "{\"season\": \"$season\", \"standin\": true}" > "$SIM_OUT/s3/$name/season_${season:-current}.json"
log "$name: season ${season:-current} collected"
