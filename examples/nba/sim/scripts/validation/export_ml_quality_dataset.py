#!/bin/sh
# STAND-IN for the NBA simulator's validation/export_ml_quality_dataset.py (POSIX sh, run as ${PYTHON:-sh} validation/export_ml_quality_dataset.py).
# Real one: exports data/ml_quality/ml_quality_dataset_YYYYMMDD.{json,csv} and ml_quality_summary_YYYYMMDD.md.
# Offline demo and test double only: see examples/nba/README.md. Not the real script.
. "$(dirname "$0")/../../standin.sh"
[ $# -eq 0 ] || usage_error "unrecognized arguments: $*"
standin_begin export
day=$(date +%Y%m%d)
cp "$SIM_OUT/tmp/unified_nba.db" "$SIM_OUT/data/ml_quality/ml_quality_dataset_$day.csv"
printf '{"games": %d, "standin": true}\n' "$(wc -l < "$SIM_OUT/tmp/unified_nba.db")" \
  > "$SIM_OUT/data/ml_quality/ml_quality_dataset_$day.json"
echo "# ML quality summary $day (stand-in)" > "$SIM_OUT/data/ml_quality/ml_quality_summary_$day.md"
log "exported $(wc -c < "$SIM_OUT/data/ml_quality/ml_quality_dataset_$day.csv" | tr -d ' ') bytes (CSV)"
