#!/bin/sh
# STAND-IN for the NBA simulator's mapping/extract_espn_hoopr_game_mapping.py (POSIX sh, run as ${PYTHON:-sh} mapping/extract_espn_hoopr_game_mapping.py).
# Real one: maps ESPN game ids to hoopR uids (s:40~l:46~e:<espn>~c:<id>) into scripts/mapping/espn_hoopr_game_mapping.{csv,json}.
# Works with what the last scrapes left: fails only when neither database exists.
# Offline demo and test double only: see examples/nba/README.md. Not the real script.
. "$(dirname "$0")/../../standin.sh"
[ $# -eq 0 ] || usage_error "unrecognized arguments: $*"
standin_begin mapping
espn="$SIM_OUT/tmp/espn_local.db"
hoopr="$SIM_OUT/tmp/hoopr_local.db"
[ -f "$espn" ] || [ -f "$hoopr" ] || { echo "neither $espn nor $hoopr exists" >&2; exit 1; }
out="$SIM_OUT/scripts/mapping/espn_hoopr_game_mapping.json"
n=$(cat "$espn" "$hoopr" 2>/dev/null | cut -d, -f1 | sort -u | wc -l | tr -d ' ')
printf '{"metadata": {"total_mappings": %d, "standin": true}}\n' "$n" > "$out.part"
mv "$out.part" "$out"
log "mapping: metadata.total_mappings = $n"
