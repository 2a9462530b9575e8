#!/bin/sh
# daily-espn-update: the original's Slack info message when the rebuild added games. Posts
# {"text": ...} to $SLACK_WEBHOOK_URL when it is set (10 s timeout); otherwise only logs.
. ./common.sh
d="$SHOTCLOCK_STATE_DIR/nba"
before=$(cat "$d/espn-games-before-run-$SHOTCLOCK_RUN_ID" 2>/dev/null || echo 0)
after=$(cat "$d/espn-games-after-run-$SHOTCLOCK_RUN_ID")
rm -f "$d/espn-games-before-run-$SHOTCLOCK_RUN_ID" "$d/espn-games-after-run-$SHOTCLOCK_RUN_ID"
added=$((after - before))
if [ "$added" -le 0 ]; then
  log "no new games ($after in the local database)"
  exit 0
fi
msg="NBA Simulator Daily Update: $added new games added ($after total)"
if [ -n "${SLACK_WEBHOOK_URL:-}" ]; then
  curl -sS --max-time 10 -H 'Content-Type: application/json' \
    -d "{\"text\": \":information_source: $msg\"}" "$SLACK_WEBHOOK_URL"
  log "Slack: $msg"
else
  log "$msg (SLACK_WEBHOOK_URL not set: not posted)"
fi
