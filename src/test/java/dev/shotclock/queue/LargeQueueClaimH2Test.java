package dev.shotclock.queue;

import dev.shotclock.testsupport.StoreFixture;
import dev.shotclock.testsupport.TestStores;
import dev.shotclock.testsupport.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

/** On H2 the claim locates tasks without locks (see {@code Claim}); that query must stop early. */
class LargeQueueClaimH2Test extends LargeQueueClaimTest {

  @Override
  StoreFixture openDatabase(Path dir, MutableClock clock) {
    return StoreFixture.migrated(TestStores.Kind.H2, dir, clock);
  }

  @Override
  void bulkLoad() {
    insert(PENDING, "'PENDING'",
        "CASE WHEN MOD(X, 1000) = 0 THEN '" + RARE_SOURCE + "' ELSE 'espn' END");
    insert(FINISHED, "'SUCCEEDED'", "'espn'");
    db.jdbc().execute("ANALYZE");
  }

  private void insert(int count, String state, String source) {
    db.jdbc().update("INSERT INTO sc_tasks (dedupe_key, source, params, priority, state,"
        + " max_attempts, not_before, rank_at, created_at, origin, correlation_id)"
        + " SELECT " + state + " || '-' || X, " + source + ", '{}', 1 + MOD(X, 5), " + state
        + ", 3, T, DATEADD(HOUR, 6 * MOD(X, 5), T), T, 'API', 'c' || X"
        + " FROM (SELECT X, DATEADD(SECOND, -X, CAST(? AS TIMESTAMP WITH TIME ZONE)) AS T"
        + " FROM SYSTEM_RANGE(1, ?))",
        a -> a.instant(NOW).intValue(count));
  }

  @Override
  String plan(boolean bySource) {
    String sql = "EXPLAIN ANALYZE " + Claim.dueSql(db.jdbc(), bySource, false, false);
    return joinLines(db.jdbc().query(sql, a -> {
      if (bySource) {
        a.string(RARE_SOURCE);
      }
      a.instant(NOW).intValue(64);
    }, r -> r.string("PLAN")));
  }

  @Override
  void assertUsesClaimIndex(String plan, boolean bySource) {
    assertThat(plan)
        .contains(bySource ? "PUBLIC.IX_SC_TASKS_CLAIM_SOURCE" : "PUBLIC.IX_SC_TASKS_CLAIM:")
        .contains("index sorted")
        .containsPattern("scanCount: \\d{1,3} ");
    String lockPlan = joinLines(db.jdbc().query("EXPLAIN " + Claim.lockIfDueSql(db.jdbc()),
        a -> a.longValue(1L).instant(NOW), r -> r.string("PLAN")));
    System.out.println(lockPlan);
    assertThat(lockPlan).contains("PUBLIC.PRIMARY_KEY").contains("ID = ?1");
  }
}
