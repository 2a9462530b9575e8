#!/bin/sh
# Overnight step 5, first half: the original ran
#   sqlite3 /tmp/unified_nba.db "DELETE FROM data_quality_discrepancies"
# before detect_data_discrepancies.py, so each night's table holds that night's findings only.
. ./common.sh
if [ -n "$STANDIN" ]; then
  : > "$STANDIN_DISCREPANCIES"                                   # stand-in
else
  sqlite3 "$UNIFIED_DB" "DELETE FROM data_quality_discrepancies;"
fi
log "cleared data_quality_discrepancies in $UNIFIED_DB"
