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

  @org.junit.jupiter.api.Test
  void a_bulk_enqueue_keeps_the_planner_statistics_current_so_key_lookups_do_not_read_every_live_task() {
    // 20 batches of 1,000 into a young table: autovacuum (once a minute) would not have analyzed it
    queue = queueWith(QueueSettings.defaults().withMaxQueue(100_000).withoutPriorityCaps());
    for (int b = 0; b < 20; b++) {
      java.util.List<NewTask> batch = new java.util.ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        batch.add(NewTask.of("espn", "bulk-" + b + "-" + i));
      }
      queue.enqueueAll(batch);
    }
    java.util.List<String> keys = new java.util.ArrayList<>();
    for (int i = 0; i < 500; i++) {
      keys.add("bulk-19-" + i);
    }
    String plan = String.join("\n", db.jdbc().query("EXPLAIN " + EnqueueBatch.liveByKeySql(keys.size()),
        a -> {
          for (String k : keys) {
            a.string(k);
          }
        }, r -> r.string("QUERY PLAN")));
    // without fresh statistics (never analyzed: reltuples -1) the planner took the state index
    // and read every live task; with them it reads the keys' rows (index or, this small, seq scan)
    org.assertj.core.api.Assertions.assertThat(plan.contains("ix_sc_tasks_state"))
        .as("the key lookup reads the state index: %s", plan.lines().findFirst().orElse("")).isFalse();
    org.assertj.core.api.Assertions.assertThat(db.jdbc().queryOne("SELECT c.reltuples AS n,"
        + " s.last_analyze IS NOT NULL AS analyzed FROM pg_class c JOIN pg_stat_user_tables s"
        + " ON s.relid = c.oid WHERE c.oid = 'sc_tasks'::regclass", a -> { },
        r -> r.longValue("n") + (r.bool("analyzed") ? "" : " never analyzed")).orElseThrow())
        .as("planner statistics of sc_tasks").matches("1[0-9]{4}|20000");
  }
}
