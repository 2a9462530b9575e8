#!/bin/sh
# Average points scored per team.
set -eu
work="$SHOTCLOCK_STATE_DIR/demo/run-$SHOTCLOCK_RUN_ID"
awk -F, 'NR > 1 { p[$3] += $5; n[$3]++; p[$4] += $6; n[$4]++ }
  END { for (k in p) printf "%s %.1f\n", k, p[k] / n[k] }' "$work/games.csv" \
  | sort -k2 -n -r > "$work/scoring.txt"
echo "top scoring team: $(head -1 "$work/scoring.txt")"
