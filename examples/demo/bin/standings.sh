#!/bin/sh
# Wins and losses per team.
set -eu
work="$SHOTCLOCK_STATE_DIR/demo/run-$SHOTCLOCK_RUN_ID"
awk -F, 'NR > 1 { if ($5 > $6) { w[$3]++; l[$4]++ } else { w[$4]++; l[$3]++ } t[$3]; t[$4] }
  END { for (k in t) printf "%s %d-%d\n", k, w[k] + 0, l[k] + 0 }' "$work/games.csv" \
  | sort -k2 -t' ' -r > "$work/standings.txt"
echo "standings of $(wc -l < "$work/standings.txt") teams"
