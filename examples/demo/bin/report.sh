#!/bin/sh
# The report, plus a result file that the step's success predicate checks.
set -eu
work="$SHOTCLOCK_STATE_DIR/demo/run-$SHOTCLOCK_RUN_ID"
games=$(($(wc -l < "$work/games.csv") - 1))
{
  echo "# Box scores, run $SHOTCLOCK_RUN_ID"
  echo
  echo "## Standings"; sed 's/^/- /' "$work/standings.txt"
  echo
  echo "## Points per game"; sed 's/^/- /' "$work/scoring.txt"
} > "$work/report.md"
printf '{"games": %d, "errors": 0}\n' "$games" > "$SHOTCLOCK_RESULT_FILE"
echo "report of $games games written to $work/report.md"
