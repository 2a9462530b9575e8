package dev.shotclock.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shotclock.db.Dialect;
import dev.shotclock.db.Jdbc;
import dev.shotclock.history.NewRun;
import dev.shotclock.history.RunRepository;
import dev.shotclock.history.RunState;
import dev.shotclock.history.TriggerKind;
import dev.shotclock.history.WorkflowStateRepository;
import dev.shotclock.testsupport.MutableClock;
import dev.shotclock.testsupport.StoreFixture;
import dev.shotclock.testsupport.TestStores;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The probe after a run's end: no transaction unless a queued run waits (H2). */
class QueuedRunsTest {

  @TempDir Path dir;
  final MutableClock clock = MutableClock.at("2026-12-07T05:00:00Z");
  StoreFixture store;
  final AtomicInteger transactions = new AtomicInteger();
  final List<Long> launched = new CopyOnWriteArrayList<>();
  final java.util.concurrent.atomic.AtomicReference<Runnable> beforeRunInsert =
      new java.util.concurrent.atomic.AtomicReference<>();
  Jdbc counting;
  RunRepository runs;
  QueuedRuns queued;

  @BeforeEach
  void setUp() {
    store = StoreFixture.migrated(TestStores.Kind.H2, dir, clock);
    counting = new Jdbc(countingTransactions(store.pool()), Dialect.forUrl(store.settings().url()));
    runs = new RunRepository(store.jdbc());
    new WorkflowStateRepository(store.jdbc()).sync("wf", "h", clock.instant());
    new WorkflowStateRepository(store.jdbc()).sync("other", "h", clock.instant());
    queued = new QueuedRuns(counting, new Launcher() {
      @Override
      public void launchNow(String workflowId, long runId) {
        launched.add(runId);
      }

      @Override
      public void launchAt(String workflowId, long runId, Instant at) {
        launched.add(runId);
      }

      @Override
      public boolean hasPendingLaunch(long runId) {
        return false;
      }
    }, clock);
  }

  @AfterEach
  void tearDown() {
    store.close();
  }

  @Test
  void a_workflow_without_queued_runs_costs_no_transaction() {
    long ended = run("wf", "a", false);
    runs.start(ended, EnumSet.of(RunState.SCHEDULED), "n1", "x.log", clock.instant());
    runs.finish(ended, 1, RunState.SUCCEEDED, null, clock.instant());
    run("other", "q", true);  // another workflow's queued run is not this one's business

    queued.startNextIfQueued("wf");

    assertThat(transactions.get()).isZero();
    assertThat(launched).isEmpty();
  }

  @Test
  void a_queued_run_still_starts_when_its_workflow_is_idle() {
    long first = run("wf", "a", false);
    runs.start(first, EnumSet.of(RunState.SCHEDULED), "n1", "x.log", clock.instant());
    long waiting = run("wf", "b", true);

    queued.startNextIfQueued("wf");  // first still RUNNING: locked look, nothing started
    assertThat(transactions.get()).isEqualTo(1);
    assertThat(launched).isEmpty();

    runs.finish(first, 1, RunState.SUCCEEDED, null, clock.instant());
    queued.startNextIfQueued("wf");
    assertThat(launched).containsExactly(waiting);
    assertThat(runs.find(waiting).orElseThrow().queued()).isFalse();

    queued.startNextIfQueued("wf");  // taken off the queue: not launched twice, no transaction
    assertThat(launched).containsExactly(waiting);
    assertThat(transactions.get()).isEqualTo(2);
  }

  @Test
  void a_run_queued_behind_a_run_that_ends_meanwhile_is_started_by_its_admission() {
    var wf = dev.shotclock.testsupport.Workflows.workflow("wf")
        .overlap(dev.shotclock.config.OverlapPolicy.QUEUE)
        .step(dev.shotclock.testsupport.Workflows.step("s")).build();
    long blocker = run("wf", "a", false);
    runs.start(blocker, EnumSet.of(RunState.SCHEDULED), "n1", "x.log", clock.instant());
    List<Long> launchedAtRunEnd = new CopyOnWriteArrayList<>();
    // the race: admission has seen the blocker RUNNING; before its queued row is committed the
    // blocker ends and its executor probes, finding nothing queued yet
    beforeRunInsert.set(() -> {
      runs.finish(blocker, 1, RunState.SUCCEEDED, null, clock.instant());
      queued.startNextIfQueued("wf");
      launchedAtRunEnd.addAll(launched);
    });
    Admission admission = new Admission(counting, clock, new ResourceHold(), new Blackouts(null), queued);

    Admission.Decision d = admission.admitRequest(wf, TriggerKind.MANUAL, Map.of(), null, "test",
        null, null, true);

    assertThat(d.kind()).isEqualTo(Admission.Kind.QUEUED);
    assertThat(launchedAtRunEnd).as("the run end's probe ran before the queued row existed").isEmpty();
    assertThat(launched).as("started after the admission committed").containsExactly(d.runId());
  }

  private long run(String wf, String key, boolean isQueued) {
    return runs.insert(new NewRun(wf, "manual:" + key, clock.instant(), TriggerKind.MANUAL,
        RunState.SCHEDULED, null, isQueued, null, Map.of(), "corr-" + key, "test"), clock.instant());
  }

  /** Counts the transactions begun (setAutoCommit(false)) on connections of {@code ds}. */
  private DataSource countingTransactions(DataSource ds) {
    return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {DataSource.class}, (p, m, args) -> {
          Object r = invoke(m, ds, args);
          if (m.getName().equals("getConnection")) {
            Connection c = (Connection) r;
            return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (cp, cm, cargs) -> {
                  if (cm.getName().equals("setAutoCommit") && Boolean.FALSE.equals(cargs[0])) {
                    transactions.incrementAndGet();
                  }
                  if (cm.getName().equals("prepareStatement") && cargs[0].toString().startsWith("INSERT INTO sc_runs")) {
                    Runnable hook = beforeRunInsert.getAndSet(null);
                    if (hook != null) {
                      hook.run();
                    }
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
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
