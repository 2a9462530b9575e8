#!/bin/sh
# STAND-IN for the NBA simulator's validation/cross_validate_3_sources.py (POSIX sh, run as ${PYTHON:-sh} validation/cross_validate_3_sources.py).
# Real one: compares the last --days N days of ESPN, hoopR and NBA API uploads; writes reports/validation/cross_validation_<ts>.json.
# Offline demo and test double only: see examples/nba/README.md. Not the real script.
. "$(dirname "$0")/../../standin.sh"
days=3
while [ $# -gt 0 ]; do
  case $1 in
    --days) [ $# -ge 2 ] || usage_error "argument --days: expected one argument"; days=$2; shift 2 ;;
    --detailed) shift ;;
    *) usage_error "unrecognized arguments: $1" ;;
  esac
done
standin_begin cross-validate "--days $days"
count() { find "$SIM_OUT/s3/$1" -name 'game_*_pbp.json' 2>/dev/null | wc -l | tr -d ' '; }
espn=$(count espn_incremental); hoopr=$(count hoopr_incremental); nba=$(count nba_api_incremental)
out="$SIM_OUT/reports/validation/cross_validation_$(date +%Y%m%d_%H%M%S).json"
printf '{"days_validated": %s, "games_checked": %s, "source_quality": {"espn": {"games": %s}, "hoopr": {"games": %s}, "nba_api": {"games": %s}}, "standin": true}\n' \
  "$days" "$espn" "$espn" "$hoopr" "$nba" > "$out"
log "cross-validation: games_checked=$espn (hoopR $hoopr, NBA API $nba) -> $out"
