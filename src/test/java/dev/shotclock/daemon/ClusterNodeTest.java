package dev.shotclock.daemon;

import static dev.shotclock.testsupport.Workflows.step;
import static dev.shotclock.testsupport.Workflows.workflow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.shotclock.config.ClusterSettings;
import dev.shotclock.config.StoreSettings;
import dev.shotclock.config.WorkflowDef;
import dev.shotclock.history.Event;
import dev.shotclock.history.RunRecord;
import dev.shotclock.history.RunState;
import dev.shotclock.testsupport.DaemonFixture;
import dev.shotclock.testsupport.TestStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cluster nodes in one JVM on one PostgreSQL schema: who may join the store, and what a node
 * that lost its run to another does. The process-level failover, SIGSTOP, contention and outage
 * scenarios are in the {@code cluster} profile ({@code dev.shotclock.cluster}).
 */
class ClusterNodeTest {

  /** Fast failure detection for the tests: 1 s + 1 s + 7.5 s. */
  private static final ClusterSettings CLUSTER = new ClusterSettings(true, Duration.ofSeconds(1), Duration.ofSeconds(1));

  @TempDir Path dir;
  private StoreSettings store;
  private final String schedulerName = "ShotClock-cluster-" + UUID.randomUUID();
  private final List<DaemonFixture> nodes = java.util.Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void store() {
    store = TestStores.postgres();
  }

  @AfterEach
  void stop() {
    nodes.forEach(DaemonFixture::close);
    TestStores.drop(store);
  }

  private DaemonFixture node(String id, WorkflowDef... workflows) throws Exception {
    return node(id, CLUSTER, workflows);
  }

  private DaemonFixture node(String id, ClusterSettings cluster, WorkflowDef... workflows) throws Exception {
    return node(id, id, cluster, workflows);
  }

  /** A node whose home directory is {@code home}: two processes on one host never share one. */
  private DaemonFixture node(String home, String id, ClusterSettings cluster, WorkflowDef... workflows)
      throws Exception {
    DaemonFixture f = DaemonFixture.startClusterNode(dir.resolve(home), store, schedulerName, id, cluster,
        Clock.systemUTC(), workflows);
    nodes.add(f);
    return f;
  }

  @Test
  void nodes_of_one_cluster_share_a_store_and_a_single_node_or_a_duplicate_id_is_refused() throws Exception {
    node("node-a");
    node("node-b");

    assertThatThrownBy(() -> node("node-c", ClusterSettings.OFF))
        .isInstanceOf(InstanceLock.HeldElsewhere.class)
        .hasMessageContaining("is used by a ShotClock cluster")
        .hasMessageContaining("this node has cluster.enabled: false");
    assertThatThrownBy(() -> node("node-a-twin", "node-a", CLUSTER))
        .isInstanceOf(InstanceLock.HeldElsewhere.class)
        .hasMessageContaining("node id node-a is already running in the cluster");
  }

  /**
   * Nodes booted together (systemd starts every host at once) on a fresh store: each creates the
   * same workflow rows and Quartz jobs; they take turns, and every one of them comes up.
   */
  @Test
  void three_nodes_starting_at_once_on_a_fresh_store_all_come_up_with_one_copy_of_each_workflow()
      throws Exception {
    WorkflowDef[] workflows = java.util.stream.IntStream.range(0, 30)
        .mapToObj(i -> workflow("wf-" + i).cron("0 3 * * *").step(step("s").run("true")).build())
        .toArray(WorkflowDef[]::new);
    var pool = java.util.concurrent.Executors.newFixedThreadPool(3);
    try {
      var starts = List.of("node-a", "node-b", "node-c").stream()
          .map(id -> pool.submit(() -> node(id, workflows))).toList();
      for (var start : starts) {
        start.get(120, java.util.concurrent.TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    DaemonFixture any = nodes.get(0);
    assertThat(any.daemon().jdbc().query("SELECT COUNT(*) AS n FROM sc_workflow_state",
        dev.shotclock.db.Jdbc.Binder.NONE, r -> r.longValue("n"))).containsExactly(30L);
    assertThat(any.daemon().jdbc().query("SELECT COUNT(*) AS n FROM qrtz_job_details WHERE job_group = 'workflows'",
        dev.shotclock.db.Jdbc.Binder.NONE, r -> r.longValue("n"))).containsExactly(30L);
  }

  /**
   * Each node's watchdog, dispatcher and maintenance run on that node every period. (They were
   * once jobs of the shared store: whichever node acquired a trigger fired it, so a node's own
   * passes, heartbeats included, ran only when it won its own trigger, and under load stopped.)
   */
  @Test
  void every_node_runs_its_own_periodic_passes_every_period_and_none_is_kept_in_the_shared_store()
      throws Exception {
    List<DaemonFixture> both = List.of(node("node-a"), node("node-b"));
    Map<String, Set<java.time.Instant>> beats = new java.util.TreeMap<>();
    both.forEach(n -> beats.put(n.nodeId(), new java.util.HashSet<>()));

    // The fixture's watchdog ticks every second: 10 s hold about 10 beats on each node.
    await().pollInterval(Duration.ofMillis(100)).during(Duration.ofSeconds(10))
        .atMost(Duration.ofSeconds(11)).until(() -> {
          both.forEach(n -> {
            java.time.Instant beat = n.daemon().watchdog().lastBeat();
            if (beat != null) {
              beats.get(n.nodeId()).add(beat);
            }
          });
          return true;
        });

    assertThat(beats).allSatisfy((node, seen) -> assertThat(seen).as("watchdog beats of %s in 10 s", node)
        .hasSizeGreaterThanOrEqualTo(7));
    assertThat(both.get(0).daemon().jdbc().query("SELECT JOB_NAME FROM QRTZ_JOB_DETAILS WHERE JOB_GROUP = 'system'",
        dev.shotclock.db.Jdbc.Binder.NONE, r -> r.string("JOB_NAME"))).isEmpty();
  }

  @Test
  void a_cluster_node_is_refused_on_a_store_that_a_single_node_holds() throws Exception {
    node("solo", ClusterSettings.OFF);

    assertThatThrownBy(() -> node("node-a"))
        .isInstanceOf(InstanceLock.HeldElsewhere.class)
        .hasMessageContaining("is used by a non-clustered ShotClock daemon")
        .hasMessageContaining("this node has cluster.enabled: true");
  }

  /**
   * Node A stops checking in (its scheduler is shut down without waiting, as if it hung) while
   * its run's step is still going. Node B's Quartz declares A dead, re-fires the run, and B runs
   * it as attempt 2. When A's step ends, A's result is discarded: the slot completes once, on B.
   */
  @Test
  void a_node_that_stops_checking_in_loses_its_run_to_another_and_its_late_result_is_discarded() throws Exception {
    WorkflowDef wf = workflow("slow").step(step("work").run("sleep", "14")).build();
    DaemonFixture a = node("node-a", wf);
    long runId = a.trigger("slow", Map.of());
    await().atMost(Duration.ofSeconds(20)).until(() -> a.runs().find(runId).orElseThrow().state() == RunState.RUNNING);
    DaemonFixture b = node("node-b", wf);

    a.daemon().quartz().shutdown(false);

    await().atMost(Duration.ofSeconds(40)).until(() -> {
      RunRecord r = b.runs().find(runId).orElseThrow();
      return r.attempt() == 2 && "node-b".equals(r.nodeId());
    });
    RunRecord ended = b.awaitEnd(runId, Duration.ofSeconds(40));
    assertThat(ended.state()).isEqualTo(RunState.SUCCEEDED);
    assertThat(ended.attempt()).isEqualTo(2);
    assertThat(ended.nodeId()).isEqualTo("node-b");
    await().atMost(Duration.ofSeconds(30)).until(() -> !events(b, "STALE_RESULT_DISCARDED", runId).isEmpty());
    assertThat(events(b, "STALE_RESULT_DISCARDED", runId).get(0).message()).contains("attempt 1");
    assertThat(events(b, "RUN_RERUN", runId)).hasSize(1);
  }

  /**
   * A run taken over while this node still executes it: the next heartbeat finds the attempt no
   * longer owns the run and stops it here; no further step of the old attempt starts.
   */
  @Test
  void a_taken_over_attempt_is_stopped_by_its_heartbeat_and_starts_no_further_step() throws Exception {
    Path marker = dir.resolve("second-step-ran");
    WorkflowDef wf = workflow("two").step(step("first").run("sleep", "30"))
        .step(step("second").run("touch", marker.toString()).after("first")).build();
    DaemonFixture a = node("node-a", wf);
    long runId = a.trigger("two", Map.of());
    await().atMost(Duration.ofSeconds(20)).until(() -> a.daemon().engine().active().ids().contains(runId));

    // What a surviving node does when it takes the run over: a new attempt under its id.
    assertThat(a.runs().start(runId, Set.of(RunState.RUNNING), "node-b", "/dev/null", Clock.systemUTC().instant())
        .map(dev.shotclock.history.RunRecord::attempt)).contains(2);
    assertThat(a.daemon().engine().heartbeats().runOnce()).containsExactly(runId);

    await().atMost(Duration.ofSeconds(20)).until(() -> a.daemon().engine().active().ids().isEmpty());
    RunRecord r = a.runs().find(runId).orElseThrow();
    assertThat(r.state()).isEqualTo(RunState.RUNNING);
    assertThat(r.attempt()).isEqualTo(2);
    assertThat(r.nodeId()).isEqualTo("node-b");
    assertThat(Files.exists(marker)).isFalse();
    assertThat(events(a, "RUN_FENCED", runId)).hasSize(1);
    assertThat(events(a, "STALE_RESULT_DISCARDED", runId)).hasSize(1);
  }

  @Test
  void status_lists_every_node_with_its_check_in_clock_and_runs() throws Exception {
    WorkflowDef wf = workflow("slow").step(step("work").run("sleep", "30")).build();
    DaemonFixture a = node("node-a", wf);
    node("node-b", wf);
    long runId = a.trigger("slow", Map.of());
    await().atMost(Duration.ofSeconds(20)).until(() -> a.runs().find(runId).orElseThrow().state() == RunState.RUNNING);
    String runner = a.runs().find(runId).orElseThrow().nodeId();

    DaemonOperations ops = new DaemonOperations(a.daemon(), new dev.shotclock.quartz.QuartzCron(), Clock.systemUTC(), "test");
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      var status = ops.status();
      assertThat(status.clustered()).isTrue();
      assertThat(status.nodes()).extracting(n -> n.nodeId()).containsExactly("node-a", "node-b");
      assertThat(status.nodes()).allSatisfy(n -> {
        assertThat(n.alive()).isTrue();
        assertThat(n.lastCheckin()).isNotNull();
        assertThat(n.clockSkewMs()).isNotNull();
      });
      var byRunner = status.nodes().stream().filter(n -> n.nodeId().equals(runner)).findFirst().orElseThrow();
      assertThat(byRunner.running()).isEqualTo(1);
      assertThat(byRunner.runs()).containsExactly("slow#" + runId);
      assertThat(status.components()).containsKey("clock");
      assertThat(status.components().get("clock").state()).isEqualTo("UP");
    });
  }

  private static List<Event> events(DaemonFixture f, String kind, long runId) {
    return f.daemon().events().recent(kind, null, runId, 20);
  }
}
