package dev.shotclock.queue;

import dev.shotclock.testsupport.StoreFixture;
import dev.shotclock.testsupport.TestStores;
import dev.shotclock.testsupport.MutableClock;

import java.nio.file.Path;

class TaskQueuePostgresTest extends TaskQueueContractTest {

  @Override
  StoreFixture openDatabase(Path dir, MutableClock clock) {
    return StoreFixture.migrated(TestStores.Kind.POSTGRES, dir, clock);
  }

  @org.junit.jupiter.api.Test
  void the_oldest_waiting_look_reads_the_waiting_index_not_every_waiting_task() {
    db.jdbc().update("INSERT INTO sc_tasks (dedupe_key, source, params, priority, state,"
        + " max_attempts, not_before, rank_at, created_at, origin, correlation_id)"
        + " SELECT 'k' || g, 'espn', '{}', CASE WHEN g % 1000 = 0 THEN 1 ELSE 3 END,"
        + " CASE WHEN g % 3 = 0 THEN 'SUCCEEDED' ELSE 'PENDING' END, 3, t, t, t, 'API', 'c' || g"
        + " FROM (SELECT g, ? - g * INTERVAL '1 second' AS t FROM generate_series(1, 30000) AS g) AS s",
        a -> a.instant(T0));
    db.jdbc().execute("ANALYZE sc_tasks");
    for (String state : java.util.List.of("PENDING", "RETRY_WAIT")) {
      String plan = String.join("\n", db.jdbc().query("EXPLAIN " + TaskQueue.oldestWaitingSql(state),
          a -> a.intValue(1), r -> r.string("QUERY PLAN")));
      org.assertj.core.api.Assertions.assertThat(plan).as(plan).contains("Limit")
          .doesNotContain("Seq Scan").doesNotContain("Sort");
      if (state.equals("PENDING")) {  // (no RETRY_WAIT rows: any index finds none at once)
        org.assertj.core.api.Assertions.assertThat(plan).as(plan).contains("ix_sc_tasks_waiting");
      }
    }
    org.assertj.core.api.Assertions.assertThat(queue.oldestWaiting(Priority.CRITICAL))
        .contains(T0.minusSeconds(29000));
  }
}
