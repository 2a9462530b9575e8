#!/bin/sh
# daily-espn-update step 1 (pre-flight, fatal in the original): the external ESPN scraper checkout
# exists, the catalog update script exists, the interpreter runs. A missing local database was only
# a warning there: here it exits 3, which the step declares a warning exit code.
. ./common.sh
home=${NBA_SIMULATOR_HOME:-}
[ -n "$STANDIN" ] && home=$(cd ../../sim && pwd)                    # stand-in: examples/nba/sim
scraper_dir=${ESPN_SCRAPER_DIR:-$home/0espn}
fail=
[ -d "$scraper_dir" ] || { log "ESPN scraper directory $scraper_dir does not exist"; fail=1; }
[ -f "$home/scripts/utils/update_data_catalog.py" ] || { log "catalog update script missing"; fail=1; }
command -v "${PYTHON:-sh}" >/dev/null 2>&1 || { log "interpreter '${PYTHON:-sh}' not found on PATH"; fail=1; }
[ -z "$fail" ] || exit 1
if [ ! -f "$ESPN_DB" ]; then
  log "warning: $ESPN_DB does not exist yet; the rebuild will create it"
  exit 3
fi
log "pre-flight passed"
