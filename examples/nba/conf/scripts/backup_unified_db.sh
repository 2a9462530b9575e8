#!/bin/sh
# Overnight step 8: copy the unified database to backups/YYYYMMDD/ and drop backup directories
# older than 7 days (the original's retention).
. ./common.sh
dir="$BASE/backups/$TODAY"
mkdir -p "$dir"
cp "$UNIFIED_DB" "$dir/unified_nba.db.part"
mv "$dir/unified_nba.db.part" "$dir/unified_nba.db"
find "$BASE/backups" -mindepth 1 -maxdepth 1 -type d -mtime +7 -exec rm -rf {} +
log "backed up $UNIFIED_DB to $dir"
