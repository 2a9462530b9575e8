#!/bin/sh
# A flaky, non-critical enrichment: fails on every third run to show SUCCEEDED_WITH_WARNINGS.
set -eu
if [ $((SHOTCLOCK_RUN_ID % 3)) -eq 0 ]; then
  echo "enrichment source unavailable (simulated outage)" >&2
  exit 1
fi
echo "enriched with arena data"
