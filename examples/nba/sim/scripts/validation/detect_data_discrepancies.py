#!/bin/sh
# STAND-IN for the NBA simulator's validation/detect_data_discrepancies.py (POSIX sh, run as ${PYTHON:-sh} validation/detect_data_discrepancies.py).
# Real one: compares ESPN and hoopR per mapped game into data_quality_discrepancies (event counts, scores, dates).
# Offline demo and test double only: see examples/nba/README.md. Not the real script.
. "$(dirname "$0")/../../standin.sh"
[ $# -eq 0 ] || usage_error "unrecognized arguments: $*"
standin_begin discrepancies
# data_quality_discrepancies: game_id,field_name,espn_value,hoopr_value,severity (event counts only)
awk -F, -v OFS=, '$2 == 1 && $3 == 1 && $4 != $5 {
  d = $4 - $5; if (d < 0) d = -d; pct = 100 * d / $4
  print $1, "event_count", $4, $5, (pct < 5 ? "LOW" : pct < 10 ? "MEDIUM" : "HIGH") }
' "$SIM_OUT/tmp/unified_nba.db" > "$SIM_OUT/tmp/unified_nba.discrepancies"
log "discrepancies: $(wc -l < "$SIM_OUT/tmp/unified_nba.discrepancies" | tr -d ' ') rows"
