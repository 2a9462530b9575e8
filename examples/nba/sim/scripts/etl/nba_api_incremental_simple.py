#!/bin/sh
# STAND-IN for the NBA simulator's etl/nba_api_incremental_simple.py (POSIX sh, run as ${PYTHON:-sh} etl/nba_api_incremental_simple.py).
# Real one: uploads the last --days N days of nba-api play-by-play to S3 nba_api_incremental/<date>/game_<id>_pbp.json (3-source validation).
# Offline demo and test double only: see examples/nba/README.md. Not the real script.
. "$(dirname "$0")/../../standin.sh"
days=3
while [ $# -gt 0 ]; do
  case $1 in
    --days) [ $# -ge 2 ] || usage_error "argument --days: expected one argument"; days=$2; shift 2 ;;
    --dry-run) shift ;;
    *) usage_error "unrecognized arguments: $1" ;;
  esac
done
standin_begin nba-api "--days $days"
n=0
for row in $(sample_games | awk -F, '{ print $2 "," $9 }'); do
  id=${row#*,}; day=${row%%,*}
  mkdir -p "$SIM_OUT/s3/nba_api_incremental/$day"
  echo "{\"game\": \"$id\", \"standin\": true}" > "$SIM_OUT/s3/nba_api_incremental/$day/game_${id}_pbp.json"
  n=$((n + 1))
done
log "nba-api: uploaded $n games of the last $days days to s3://${S3_BUCKET:-nba-sim-raw-data-lake}/nba_api_incremental/"
