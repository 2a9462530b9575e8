#!/bin/sh
# STAND-IN for the NBA simulator's scripts/monitoring/check_and_recover_scrapers.sh (run as
# bash scripts/monitoring/check_and_recover_scrapers.sh; this one is POSIX sh).
# Real one: looks for the long-running Basketball Reference / NBA API backfills with ps | grep,
# and relaunches a dead one with nohup "from the last checkpoint", then exits 0.
# The stand-in does the same with a sleeping child, so it shows what ShotClock does with it: a
# step leaves nothing behind, so the relaunched "scraper" is terminated when this step ends.
# Offline demo and test double only: see examples/nba/README.md. Not the real script.
. "$(dirname "$0")/../../standin.sh"
[ $# -eq 0 ] || { echo "usage: check_and_recover_scrapers.sh" >&2; exit 2; }
standin_begin recover
nohup sleep "${SIM_RECOVERED_SECONDS:-300}" >/dev/null 2>&1 &
echo $! > "$SIM_OUT/recovered_scraper.pid"
log "bbref backfill 2020-2025 not running and not complete: relaunched with nohup (pid $!)"
