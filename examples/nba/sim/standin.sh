# Shared by the STAND-IN scripts of examples/nba/sim (sourced, POSIX sh). They replace the NBA
# simulator's Python scripts so that the pack runs offline: same paths, same arguments, same exit
# codes, over the sample games in data/sample/games.csv. They are not the real scrapers.
#
# Switches (environment; a comma-separated list of stand-in names, e.g. SIM_FAIL=espn,hoopr):
#   SIM_FAIL          these exit 1, as the real scripts do when an exception escapes
#   SIM_SLOW          these sleep SIM_SLOW_SECONDS (default 30) first: a hung scraper, for timeouts
#   SIM_WORK_SECONDS  how long every stand-in "works" (default 0.3), so parallel steps overlap
# Output goes under $SIM_OUT (default $SHOTCLOCK_STATE_DIR/nba-sim, outside ShotClock
# ${TMPDIR:-/tmp}/nba-sim), never into the repository: the real scripts write /tmp/*.db,
# reports/, data/ and S3, and the stand-ins mirror that layout under SIM_OUT.

set -eu

# Every stand-in lives at sim/scripts/<dir>/<name>, two levels below this file.
SIM_HOME=$(cd "$(dirname "$0")/../.." && pwd)
SIM_OUT=${SIM_OUT:-${SHOTCLOCK_STATE_DIR:-${TMPDIR:-/tmp}}/nba-sim}
SAMPLE="$SIM_HOME/data/sample/games.csv"
mkdir -p "$SIM_OUT/tmp" "$SIM_OUT/s3" "$SIM_OUT/reports/validation" "$SIM_OUT/data/ml_quality" \
  "$SIM_OUT/scripts/mapping"

log() { printf '%s %s\n' "$(date '+%Y-%m-%d %H:%M:%S')" "$*"; }

in_list() { # in_list NAME LIST
  case ",$2," in *",$1,"*) return 0 ;; *) return 1 ;; esac
}

# standin_begin NAME ARGS...: announces itself, then applies SIM_SLOW and SIM_FAIL for NAME.
standin_begin() {
  STANDIN=$1
  shift
  log "[stand-in $STANDIN] $0 $*"
  if in_list "$STANDIN" "${SIM_SLOW:-}"; then
    log "[stand-in $STANDIN] SIM_SLOW: sleeping ${SIM_SLOW_SECONDS:-30}s"
    sleep "${SIM_SLOW_SECONDS:-30}"
  fi
  sleep "${SIM_WORK_SECONDS:-0.3}"
  if in_list "$STANDIN" "${SIM_FAIL:-}"; then
    echo "Traceback (most recent call last):" >&2
    echo "  [stand-in $STANDIN] SIM_FAIL: simulated uncaught exception" >&2
    echo "RuntimeError: simulated failure of $STANDIN" >&2
    exit 1
  fi
}

# usage_error MSG: what argparse does with an unknown or malformed argument.
usage_error() {
  echo "usage: $(basename "$0") [-h] ..." >&2
  echo "$(basename "$0"): error: $*" >&2
  exit 2
}

# sample_games: the sample games (CSV rows without the header). The sample is a fixed few days of
# the 2025-26 season, so "the last N days" is every sample game whatever today's date is.
sample_games() { tail -n +2 "$SAMPLE"; }
