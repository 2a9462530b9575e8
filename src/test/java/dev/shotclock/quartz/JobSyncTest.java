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
}
