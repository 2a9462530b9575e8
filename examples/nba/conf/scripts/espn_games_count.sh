#!/bin/sh
# daily-espn-update: records COUNT(*) of games in the local ESPN database, before (argument
# "before") and after ("after") the rebuild, in this run's scratch file, so that notify_new_games.sh
# can tell how many games were added.
. ./common.sh
which=${1:?usage: espn_games_count.sh before|after}
if [ ! -f "$ESPN_DB" ]; then
  n=0
elif [ -n "$STANDIN" ]; then
  n=$(wc -l < "$ESPN_DB" | tr -d ' ')                               # stand-in
else
  n=$(sqlite3 "$ESPN_DB" "SELECT COUNT(*) FROM games;")
fi
mkdir -p "$SHOTCLOCK_STATE_DIR/nba"
echo "$n" > "$SHOTCLOCK_STATE_DIR/nba/espn-games-$which-run-$SHOTCLOCK_RUN_ID"
log "games $which: $n"
