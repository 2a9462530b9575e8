#!/bin/sh
# Overnight step 9: the completion email, off unless SEND_EMAIL=true (as in the original).
# Failures are not mailed from here any more: ShotClock's notifiers (shotclock.yaml) report failed
# and timed-out runs with the run id and the last log lines.
. ./common.sh
if [ "${SEND_EMAIL:-false}" != true ]; then
  log "completion email disabled (SEND_EMAIL is not true)"
  exit 0
fi
report="$BASE/reports/daily_quality_report_$TODAY.md"
mail -s "NBA Simulator: Overnight Workflow Complete - $(date +%Y-%m-%d)" \
  "${EMAIL_RECIPIENT:?EMAIL_RECIPIENT is not set}" < "$report"
log "completion email sent to $EMAIL_RECIPIENT"
