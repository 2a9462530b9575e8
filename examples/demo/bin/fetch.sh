#!/bin/sh
# "Scrapes" a season: copies the sample file into this run's work directory.
set -eu
season="${1:?usage: fetch.sh SEASON}"
work="${SHOTCLOCK_STATE_DIR:?run me from ShotClock}/demo/run-${SHOTCLOCK_RUN_ID}"
mkdir -p "$work"
# Keep the demo from filling the disk: drop work directories older than an hour.
find "$(dirname "$work")" -mindepth 1 -maxdepth 1 -type d -mmin +60 -exec rm -rf {} + 2>/dev/null || true
src="data/games-${season}.csv"
[ -f "$src" ] || { echo "no sample data for season $season ($src)" >&2; exit 2; }
cp "$src" "$work/games.csv"
echo "fetched $(($(wc -l < "$work/games.csv") - 1)) games of season $season into $work"
