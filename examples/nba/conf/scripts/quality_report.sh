#!/bin/sh
# Overnight step 7: reports/daily_quality_report_YYYYMMDD.md, the queries of the original's
# here-doc (reference §2.1.1): source stats, unified totals, quality distribution, the last day's
# top discrepancies, recommended sources. Written to a temp file and renamed (readers never see
# half a report).
. ./common.sh
mkdir -p "$BASE/reports"
out="$BASE/reports/daily_quality_report_$TODAY.md"
q() { sqlite3 "$1" "$2"; }
{
  echo "# Daily data quality report $(date +%Y-%m-%d)"
  echo
  if [ -n "$STANDIN" ]; then                                        # stand-in: CSV "databases"
    echo "## Sources"
    echo "- ESPN games with play-by-play: $(wc -l < "$ESPN_DB" | tr -d ' ')"
    echo "- hoopR games with play-by-play: $(wc -l < "$HOOPR_DB" | tr -d ' ')"
    echo "## Unified database"
    echo "- games: $(wc -l < "$UNIFIED_DB" | tr -d ' ')"
    echo "- dual-source games: $(awk -F, '$2 == 1 && $3 == 1' "$UNIFIED_DB" | wc -l | tr -d ' ')"
    echo "- games with discrepancies: $(cut -d, -f1 "$STANDIN_DISCREPANCIES" | sort -u | wc -l | tr -d ' ')"
    echo "## Discrepancies by field and severity"
    cut -d, -f2,5 "$STANDIN_DISCREPANCIES" | sort | uniq -c | sed 's/^ */- /'
  else
    echo "## Sources"
    echo "- ESPN games with play-by-play: $(q "$ESPN_DB" "SELECT COUNT(*) FROM games WHERE has_pbp = 1;")"
    echo "- hoopR games with play-by-play: $(q "$HOOPR_DB" "SELECT COUNT(DISTINCT game_id) FROM play_by_play;")"
    echo "## Unified database"
    echo "- games: $(q "$UNIFIED_DB" "SELECT COUNT(*) FROM source_coverage;")"
    echo "- dual-source games: $(q "$UNIFIED_DB" "SELECT COUNT(*) FROM source_coverage WHERE has_espn = 1 AND has_hoopr = 1;")"
    echo "- games with discrepancies: $(q "$UNIFIED_DB" "SELECT COUNT(*) FROM source_coverage WHERE has_discrepancies = 1;")"
    echo "## Quality distribution"
    q "$UNIFIED_DB" "SELECT '- ' || CASE WHEN quality_score >= 90 THEN 'High (>=90)' WHEN quality_score >= 70 THEN 'Medium (70-89)' ELSE 'Low (<70)' END || ': ' || COUNT(*) || ' games, average ' || ROUND(AVG(quality_score), 1) FROM quality_scores GROUP BY 1 ORDER BY 1;"
    echo "## Top discrepancies of the last day"
    q "$UNIFIED_DB" "SELECT '- ' || field_name || ' ' || severity || ': ' || COUNT(*) FROM data_quality_discrepancies WHERE detected_at >= datetime('now', '-1 day') GROUP BY field_name, severity ORDER BY COUNT(*) DESC LIMIT 10;"
    echo "## Recommended source"
    q "$UNIFIED_DB" "SELECT '- ' || recommended_source || ': ' || COUNT(*) FROM quality_scores GROUP BY recommended_source;"
  fi
  echo
  echo "Run log: ${SHOTCLOCK_LOG_FILE:-}"
} > "$out.part"
mv "$out.part" "$out"
log "quality report written to $out"
