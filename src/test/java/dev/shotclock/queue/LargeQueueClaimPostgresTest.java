package dev.shotclock.queue;

import dev.shotclock.testsupport.StoreFixture;
import dev.shotclock.testsupport.TestStores;
import dev.shotclock.testsupport.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

class LargeQueueClaimPostgresTest extends LargeQueueClaimTest {

  @Override
  StoreFixture openDatabase(Path dir, MutableClock clock) {
    return StoreFixture.migrated(TestStores.Kind.POSTGRES, dir, clock);
  }

  @Override
  void bulkLoad() {
    insert(PENDING, "'PENDING'",
        "CASE WHEN g % 1000 = 0 THEN '" + RARE_SOURCE + "' ELSE 'espn' END");
    insert(FINISHED, "'SUCCEEDED'", "'espn'");
    db.jdbc().execute("ANALYZE sc_tasks");
  }

  private void insert(int count, String state, String source) {
    db.jdbc().update("INSERT INTO sc_tasks (dedupe_key, source, params, priority, state,"
        + " max_attempts, not_before, rank_at, created_at, origin, correlation_id)"
        + " SELECT " + state + " || '-' || g, " + source + ", '{}', 1 + g % 5, " + state + ", 3,"
        + " t, t + (g % 5) * INTERVAL '6 hours', t, 'API', 'c' || g"
        + " FROM (SELECT g, ? - g * INTERVAL '1 second' AS t"
        + " FROM generate_series(1, ?) AS g) AS s",
        a -> a.instant(NOW).intValue(count));
  }

  @Override
  String plan(boolean bySource) {
    String sql = "EXPLAIN " + Claim.dueSql(db.jdbc(), bySource, true, false);
    return joinLines(db.jdbc().query(sql, a -> {
      if (bySource) {
        a.string(RARE_SOURCE);
      }
      a.instant(NOW).intValue(10);
    }, r -> r.string("QUERY PLAN")));
  }

  @Override
  void assertUsesClaimIndex(String plan, boolean bySource) {
    assertThat(plan).contains("Limit").contains("LockRows")
        .contains("Index Scan using "
            + (bySource ? "ix_sc_tasks_claim_source" : "ix_sc_tasks_claim") + " on sc_tasks")
        .doesNotContain("Sort").doesNotContain("Seq Scan").doesNotContain("Bitmap");
  }
}
