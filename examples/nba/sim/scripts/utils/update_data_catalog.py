#!/bin/sh
# STAND-IN for the NBA simulator's utils/update_data_catalog.py (POSIX sh, run as ${PYTHON:-sh} utils/update_data_catalog.py).
# Real one: updates (--action update) or checks (--verify) docs/DATA_CATALOG.md for a source.
# The stand-in edits a copy under SIM_OUT, never the repository's file.
# Offline demo and test double only: see examples/nba/README.md. Not the real script.
. "$(dirname "$0")/../../standin.sh"
source= action= verify=
while [ $# -gt 0 ]; do
  case $1 in
    --source) [ $# -ge 2 ] || usage_error "argument --source: expected one argument"; source=$2; shift 2 ;;
    --action) [ $# -ge 2 ] || usage_error "argument --action: expected one argument"; action=$2; shift 2 ;;
    --verify) verify=1; shift ;;
    *) usage_error "unrecognized arguments: $1" ;;
  esac
done
[ -n "$action" ] || [ -n "$verify" ] || usage_error "one of --action or --verify is required"
catalog="$SIM_OUT/docs/DATA_CATALOG.md"
mkdir -p "$SIM_OUT/docs"
[ -f "$catalog" ] || cp "$SIM_HOME/docs/DATA_CATALOG.md" "$catalog"
if [ -n "$verify" ]; then
  standin_begin catalog-verify "--verify"
  grep -q '^# Data catalog' "$catalog" || { echo "catalog has no title" >&2; exit 1; }
  log "catalog verified"
else
  standin_begin catalog "--source $source --action $action"
  games=$(wc -l < "$SIM_OUT/tmp/espn_local.db" | tr -d ' ')
  echo "- $(date '+%Y-%m-%d %H:%M') $source: $games games" >> "$catalog"
  log "catalog updated: $source $games games"
fi
