# Shared by the pack's helper scripts (sourced, POSIX sh). The helpers replace what the original
# shell workflows did inline (sqlite3 here-docs, cp/find, mail, curl, git) so that every step is
# an argv list. They run with cwd = this directory and work on the NBA checkout in
# $NBA_SIMULATOR_HOME, with the working databases where the real scripts keep them (/tmp).
#
# Offline (the stand-ins' .env sets NBA_STANDIN=1) they work on what the stand-ins wrote under
# $SHOTCLOCK_STATE_DIR/nba-sim instead, whose "databases" are CSV text, not SQLite: so the offline
# pack needs no sqlite3. Only the few lines marked "stand-in" differ.
set -eu

log() { printf '%s %s\n' "$(date '+%Y-%m-%d %H:%M:%S')" "$*"; }

if [ -n "${NBA_STANDIN:-}" ]; then
  STANDIN=1
  BASE=${SIM_OUT:-${SHOTCLOCK_STATE_DIR:?run me from ShotClock}/nba-sim}
  DB_DIR=$BASE/tmp
else
  STANDIN=
  BASE=${NBA_SIMULATOR_HOME:?NBA_SIMULATOR_HOME must name the NBA simulator checkout}
  DB_DIR=${NBA_DB_DIR:-/tmp}      # the original scripts hard-code /tmp
fi
UNIFIED_DB=$DB_DIR/unified_nba.db
STANDIN_DISCREPANCIES=$DB_DIR/unified_nba.discrepancies   # stand-in: the table, as CSV
ESPN_DB=$DB_DIR/espn_local.db
HOOPR_DB=$DB_DIR/hoopr_local.db
TODAY=$(date +%Y%m%d)
