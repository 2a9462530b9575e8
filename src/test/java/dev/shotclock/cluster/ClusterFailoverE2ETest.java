package dev.shotclock.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failover (reliability.md §7.2): node A runs 50 recoverable runs and is killed with
 * {@code kill -9}; node B must re-run every one of them, as attempt 2, within 30 s of the kill
 * (Quartz declares A dead after 2 x 2 s + 7.5 s here), with 0 lost and 0 duplicate completions.
 */
@Tag("cluster")
class ClusterFailoverE2ETest {

  private static final int RUNS = 50;
  private static final Duration FAILOVER_BUDGET = Duration.ofSeconds(30);

  @TempDir Path dir;
  private ClusterFixture cluster;

  @AfterEach
  void tearDown() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void kill_9_of_a_node_running_50_runs_has_them_all_rerun_on_the_other_within_30_s() throws Exception {
    Path hang = Files.createFile(dir.resolve("hang"));
    cluster = new ClusterFixture(dir.resolve("cluster"))
        .nodeSettings("scheduler: { threads: 60, max_concurrent: 60, shutdown_grace: 3s, kill_grace: 2s }")
        // While the file 'hang' exists (node A's life) the step hangs; a re-run after it is gone ends at once.
        .workflow("work.yaml", """
            id: work
            overlap: allow
            on_crash: rerun
            steps:
              - id: hold
                run: [sh, -c, "if [ -f %s ]; then exec sleep 1000; fi"]
            """.formatted(hang));
    ClusterFixture.Node a = cluster.node("node-a").start();
    for (int i = 0; i < RUNS; i++) {
      a.post("/api/v1/workflows/work/trigger", "{\"requested_by\": \"failover-test\"}");
    }
    ClusterStore db = cluster.db();
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
        assertThat(db.count("SELECT count(*) FROM sc_step_runs s JOIN sc_runs r ON r.id = s.run_id"
            + " WHERE r.state = 'RUNNING' AND r.node_id = 'node-a' AND s.state = 'RUNNING'"))
            .as("steps running on node-a; runs %s; steps %s", db.rows("SELECT state, node_id, count(*) FROM sc_runs"
                + " GROUP BY state, node_id"), db.rows("SELECT state, count(*) FROM sc_step_runs GROUP BY state"))
            .isEqualTo(RUNS));
    // B joins only now, so that every run is certainly A's.
    ClusterFixture.Node b = cluster.node("node-b").start();
    await().atMost(Duration.ofSeconds(30)).until(() ->
        db.count("SELECT count(*) FROM QRTZ_SCHEDULER_STATE") == 2);
    List<SlotChecker.RunRow> inFlight = db.runs("work");
    assertThat(inFlight).hasSize(RUNS).allSatisfy(r -> {
      assertThat(r.state()).isEqualTo("RUNNING");
      assertThat(r.nodeId()).isEqualTo("node-a");
      assertThat(r.attempt()).isEqualTo(1);
    });

    Instant killedAt = Instant.now();
    a.kill9();
    // What systemd's KillMode=control-group does with the dead daemon's steps.
    a.killSteps();
    Files.delete(hang);

    SlotChecker checker = new SlotChecker(Duration.ZERO);
    List<SlotChecker.Expected> expected = inFlight.stream()
        .map(r -> new SlotChecker.Expected(SlotChecker.Slot.at(r.workflowId(), r.scheduledAt()),
            killedAt.plus(FAILOVER_BUDGET)))
        .toList();
    await().atMost(FAILOVER_BUDGET.plusSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() ->
        db.runs("work").stream().allMatch(r -> r.attempt() == 2 && "node-b".equals(r.nodeId())));
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() ->
        db.count("SELECT count(DISTINCT run_id) FROM sc_step_runs WHERE run_attempt = 2") == RUNS);
    Instant allRerun = Instant.parse(db.rows("SELECT to_char(max(started_at) AT TIME ZONE 'UTC',"
        + " 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') FROM sc_step_runs WHERE run_attempt = 2").get(0));
    System.out.printf("failover: %d runs re-run on node-b, the last re-run step started %d ms after the kill%n",
        RUNS, Duration.between(killedAt, allRerun).toMillis());

    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
        db.runs("work").stream().allMatch(r -> !r.state().equals("RUNNING") && !r.state().equals("SCHEDULED")));
    SlotChecker.Result result = checker.check(expected, db.runs("work"), db.steps("work"));
    result.assertExactlyOnceInTime();
    assertThat(result.totalCompleted()).isEqualTo(RUNS);
    assertThat(db.runs("work")).allSatisfy(r -> {
      assertThat(r.state()).isEqualTo("SUCCEEDED");
      assertThat(r.nodeId()).isEqualTo("node-b");
      assertThat(r.attempt()).isEqualTo(2);
    });
    // The dead node's Quartz rows are gone: its check-in, and its fired triggers.
    assertThat(db.rows("SELECT INSTANCE_NAME FROM QRTZ_SCHEDULER_STATE")).containsExactly("node-b");
    assertThat(db.count("SELECT count(*) FROM QRTZ_FIRED_TRIGGERS WHERE INSTANCE_NAME = 'node-a'")).isZero();
    // And the survivor's status says so.
    JsonNode status = b.status();
    assertThat(status.path("clustered").asBoolean()).isTrue();
    Map<String, JsonNode> nodes = new HashMap<>();
    status.path("nodes").forEach(n -> nodes.put(n.path("node_id").asText(), n));
    assertThat(nodes.keySet()).as("%s", status.path("nodes")).containsExactlyInAnyOrder("node-a", "node-b");
    assertThat(nodes.get("node-a").path("alive").asBoolean()).as("node-a alive").isFalse();
    assertThat(nodes.get("node-a").path("running").asInt()).isZero();
    assertThat(nodes.get("node-b").path("alive").asBoolean()).isTrue();
    assertThat(nodes.get("node-b").path("self").asBoolean()).isTrue();
    assertThat(b.alive()).isTrue();
  }
}
