package dev.shotclock.quartz;

import static dev.shotclock.testsupport.Workflows.step;
import static dev.shotclock.testsupport.Workflows.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shotclock.config.WorkflowDef;
import dev.shotclock.db.Jdbc;
import dev.shotclock.testsupport.MutableClock;
import dev.shotclock.testsupport.StoreFixture;
import dev.shotclock.testsupport.TestStores;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jobs and triggers in the Quartz store follow the configuration. */
class JobSyncTest {

  @TempDir Path dir;
  final MutableClock clock = MutableClock.at("2030-06-01T12:00:00Z");
  StoreFixture store;
  QuartzEngine engine;
  /** One scheduler name per store, as in production, so a new engine sees the old one's rows. */
  final String schedulerName = "ShotClock-" + UUID.randomUUID();

  @BeforeEach
  void setUp() {
    store = StoreFixture.migrated(TestStores.Kind.H2, dir, clock);
    engine = newEngine();
  }

  @AfterEach
  void tearDown() {
    engine.shutdown(false);
    store.close();
  }

  private QuartzEngine newEngine() {
    return new QuartzEngine(new QuartzEngine.Settings(schedulerName, "node",
        2, Duration.ofSeconds(60), store.pool(), false));
  }

  private static WorkflowDef wf(String id, String cron) {
    return workflow(id).cron(cron).step(step("s")).build();
  }

  @Test
  void cron_triggers_are_stored_as_dst_safe_triggers_in_the_simple_properties_table() {
    engine.sync(List.of(wf("a", "0 3 * * *")), Set.of(), false, clock.instant());
    List<String> types = store.jdbc().query("SELECT TRIGGER_TYPE FROM QRTZ_TRIGGERS", Jdbc.Binder.NONE,
        r -> r.string("TRIGGER_TYPE"));
    assertThat(types).containsExactly(DstSafeCronPersistence.TYPE);
    assertThat(store.jdbc().queryLong("SELECT COUNT(*) FROM QRTZ_SIMPROP_TRIGGERS", Jdbc.Binder.NONE)).isEqualTo(1);
  }

  @Test
  void an_unchanged_trigger_is_left_alone_by_a_later_sync() {
    engine.sync(List.of(wf("a", "0 3 * * *")), Set.of(), false, clock.instant());
    clock.tick(Duration.ofDays(3));
    engine.shutdown(false);
    engine = newEngine();
    engine.sync(List.of(wf("a", "0 3 * * *")), Set.of(), false, clock.instant());
    assertThat(engine.nextFireTime("a")).contains(Instant.parse("2030-06-02T03:00:00Z"));
  }

  @Test
  void a_changed_trigger_is_replaced_and_a_removed_workflow_deleted() {
    engine.sync(List.of(wf("a", "0 3 * * *"), wf("b", "0 4 * * *")), Set.of(), false, clock.instant());
    engine.sync(List.of(wf("a", "0 5 * * *")), Set.of(), false, clock.instant());
    assertThat(engine.nextFireTime("a")).contains(Instant.parse("2030-06-02T05:00:00Z"));
    assertThat(engine.nextFireTime("b")).isEmpty();
    assertThat(store.jdbc().queryLong("SELECT COUNT(*) FROM QRTZ_JOB_DETAILS WHERE JOB_GROUP = 'workflows'",
        Jdbc.Binder.NONE)).isEqualTo(1);
  }

  @Test
  void paused_workflows_have_their_cron_triggers_paused_and_resumed() {
    engine.sync(List.of(wf("a", "0 3 * * *")), Set.of("a"), false, clock.instant());
    assertThat(engine.isCronPaused("a")).isTrue();
    engine.sync(List.of(wf("a", "0 3 * * *")), Set.of(), false, clock.instant());
    assertThat(engine.isCronPaused("a")).isFalse();
  }

  @Test
  void a_first_sync_stores_every_new_workflow_in_one_batch() {
    java.util.concurrent.atomic.AtomicInteger commits = new java.util.concurrent.atomic.AtomicInteger();
    engine.shutdown(false);
    engine = new QuartzEngine(new QuartzEngine.Settings(schedulerName, "node", 2, Duration.ofSeconds(60),
        countingCommits(store.pool(), commits), false));
    List<WorkflowDef> many = new java.util.ArrayList<>();
    for (int i = 0; i < 40; i++) {
      many.add(i % 10 == 0 ? workflow("w" + i).cron("0 3 * * *").cron("0 4 * * *").step(step("s")).build()
          : wf("w" + i, "0 3 * * *"));
    }
    many.add(workflow("manual-only").step(step("s")).build());
    commits.set(0);
    String summary = engine.sync(many, Set.of("w1", "w10"), false, clock.instant());

    // per workflow this took about five Quartz transactions (exists, job, triggers, their state)
    assertThat(commits.get()).as("commits for 41 new workflows").isLessThan(10);
    assertThat(summary).contains("w0", "w39", "manual-only");
    assertThat(store.jdbc().queryLong("SELECT COUNT(*) FROM QRTZ_JOB_DETAILS WHERE JOB_GROUP = 'workflows'",
        Jdbc.Binder.NONE)).isEqualTo(41);
    assertThat(store.jdbc().queryLong("SELECT COUNT(*) FROM QRTZ_TRIGGERS", Jdbc.Binder.NONE)).isEqualTo(44);
    assertThat(engine.nextFireTime("w5")).contains(Instant.parse("2030-06-02T03:00:00Z"));
    assertThat(engine.nextFireTime("w20")).contains(Instant.parse("2030-06-02T03:00:00Z"));
    assertThat(engine.isCronPaused("w1")).isTrue();
    assertThat(engine.isCronPaused("w10")).isTrue();
    assertThat(store.jdbc().queryLong("SELECT COUNT(*) FROM QRTZ_TRIGGERS WHERE TRIGGER_STATE = 'PAUSED'",
        Jdbc.Binder.NONE)).isEqualTo(3);
    assertThat(engine.isCronPaused("w2")).isFalse();
  }

  @Test
  void a_reload_after_a_batched_start_keeps_unchanged_triggers_and_applies_the_rest() {
    engine.sync(List.of(wf("same", "0 3 * * *"), wf("changed", "0 3 * * *"), wf("gone", "0 3 * * *")),
        Set.of(), false, clock.instant());
    clock.tick(Duration.ofDays(3));
    engine.shutdown(false);
    engine = newEngine();
    String summary = engine.sync(List.of(wf("same", "0 3 * * *"), wf("changed", "0 5 * * *"),
        wf("new", "0 6 * * *")), Set.of("new"), false, clock.instant());
    assertThat(summary).isEqualTo("added [new], changed [changed], removed [gone]");
    assertThat(engine.nextFireTime("same")).contains(Instant.parse("2030-06-02T03:00:00Z"));
    assertThat(engine.nextFireTime("changed")).contains(Instant.parse("2030-06-05T05:00:00Z"));
    assertThat(engine.nextFireTime("gone")).isEmpty();
    assertThat(engine.nextFireTime("new")).contains(Instant.parse("2030-06-05T06:00:00Z"));
    assertThat(engine.isCronPaused("new")).isTrue();
    assertThat(engine.isCronPaused("same")).isFalse();
  }

  /** Counts commits on connections of {@code ds}. */
  private static javax.sql.DataSource countingCommits(javax.sql.DataSource ds,
      java.util.concurrent.atomic.AtomicInteger commits) {
    ClassLoader cl = JobSyncTest.class.getClassLoader();
    return (javax.sql.DataSource) java.lang.reflect.Proxy.newProxyInstance(cl,
        new Class<?>[] {javax.sql.DataSource.class}, (p, m, args) -> {
          Object r = invoke(m, ds, args);
          if (m.getName().equals("getConnection")) {
            java.sql.Connection c = (java.sql.Connection) r;
            return java.lang.reflect.Proxy.newProxyInstance(cl, new Class<?>[] {java.sql.Connection.class},
                (cp, cm, cargs) -> {
                  if (cm.getName().equals("commit")) {
                    commits.incrementAndGet();
                  }
                  return invoke(cm, c, cargs);
                });
          }
          return r;
        });
  }

  private static Object invoke(java.lang.reflect.Method m, Object target, Object[] args) throws Throwable {
    try {
      return m.invoke(target, args);
    } catch (java.lang.reflect.InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
