#!/bin/sh
# STAND-IN for the NBA simulator's etl/build_unified_database.py (POSIX sh, run as ${PYTHON:-sh} etl/build_unified_database.py).
# Real one: rebuilds /tmp/unified_nba.db (source_coverage, quality_scores) from the ESPN and hoopR databases.
# Offline demo and test double only: see examples/nba/README.md. Not the real script.
. "$(dirname "$0")/../../standin.sh"
[ $# -eq 0 ] || usage_error "unrecognized arguments: $*"
standin_begin unified
# source_coverage: game_id,has_espn,has_hoopr,espn_events,hoopr_events,espn_home,espn_away
awk -F, -v OFS=, '
  FILENAME ~ /espn_local\.db$/ { e[$1] = $7; eh[$1] = $5; ea[$1] = $6; ids[$1] }
  FILENAME ~ /hoopr_local\.db$/ { h[$1] = $7; ids[$1] }
  END { for (id in ids) print id, (id in e), (id in h), e[id] + 0, h[id] + 0, eh[id] + 0, ea[id] + 0 }
' "$SIM_OUT/tmp/espn_local.db" "$SIM_OUT/tmp/hoopr_local.db" 2>/dev/null | sort > "$SIM_OUT/tmp/unified_nba.db.part"
mv "$SIM_OUT/tmp/unified_nba.db.part" "$SIM_OUT/tmp/unified_nba.db"
log "unified: source_coverage has $(wc -l < "$SIM_OUT/tmp/unified_nba.db" | tr -d ' ') games"
