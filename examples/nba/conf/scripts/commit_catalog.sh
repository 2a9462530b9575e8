#!/bin/sh
# daily-espn-update step 5 (non-fatal): commit docs/DATA_CATALOG.md when it changed; no push, as in
# the original. Offline it only says what it would do: the stand-in checkout sits inside the
# ShotClock repository, whose history a demo must not touch.
. ./common.sh
msg="chore(data): daily ESPN catalog update $(date +%Y-%m-%d)"
if [ -n "$STANDIN" ]; then                                            # stand-in
  log "stand-in: would run: git add docs/DATA_CATALOG.md && git commit -m '$msg'"
  exit 0
fi
cd "$BASE"
if git diff --quiet -- docs/DATA_CATALOG.md; then
  log "catalog unchanged: nothing to commit"
  exit 0
fi
git add docs/DATA_CATALOG.md
git commit -m "$msg" -- docs/DATA_CATALOG.md
log "committed the catalog"
