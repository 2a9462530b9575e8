package dev.shotclock.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A frozen node (reliability.md §7.2, second half; Quartz #176 / #849 false failover): node A is
 * stopped with SIGSTOP for 60 s while it runs 20 runs, then continued. Node B declares it dead and
 * re-runs them. When A wakes up it must complete none of them: its runs' attempts no longer own
 * the rows, so it starts no further step, stops what still runs (RUN_FENCED) and discards its late
 * results (STALE_RESULT_DISCARDED). Half of A's steps end while A is frozen (their success reaches
 * A only after SIGCONT), half still run when A wakes up.
 */
@Tag("cluster")
class ClusterFrozenNodeE2ETest {

  private static final int RUNS = 20;
  private static final Duration FREEZE = Duration.ofSeconds(60);

  @TempDir Path dir;
  private ClusterFixture cluster;

  @AfterEach
  void tearDown() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void a_node_frozen_for_60_s_completes_none_of_the_runs_taken_over_and_every_slot_completes_once() throws Exception {
    Path hang = Files.createFile(dir.resolve("hang"));
    Path journal = dir.resolve("journal");
    // The first step hangs while 'hang' exists (node A's attempts): 'short' for 20 s, so it ends
    // while A is frozen; 'long' for 1000 s, so it still runs when A wakes. Re-runs end at once.
    // Each step start is journalled with run, attempt and node: no step of A's attempt may follow.
    cluster = new ClusterFixture(dir.resolve("cluster"))
        .nodeSettings("scheduler: { threads: 30, max_concurrent: 30, shutdown_grace: 3s, kill_grace: 2s }")
        .workflow("frozen.yaml", """
            id: frozen
            overlap: allow
            on_crash: rerun
            params: { hold: "20" }
            steps:
              - id: first
                run: [sh, -c, "echo \\"first $SHOTCLOCK_RUN_ID $SHOTCLOCK_RUN_ATTEMPT $SHOTCLOCK_NODE_ID\\" >> %2$s; if [ -f %1$s ]; then exec sleep $0; fi", "${param.hold}"]
              - id: second
                depends_on: { first: succeeded }
                run: [sh, -c, "echo \\"second $SHOTCLOCK_RUN_ID $SHOTCLOCK_RUN_ATTEMPT $SHOTCLOCK_NODE_ID\\" >> %2$s"]
            """.formatted(hang, journal));
    ClusterFixture.Node a = cluster.node("node-a").start();
    for (int i = 0; i < RUNS; i++) {
      String hold = i % 2 == 0 ? "20" : "1000";
      a.post("/api/v1/workflows/frozen/trigger", "{\"params\": {\"hold\": \"" + hold + "\"}}");
    }
    ClusterStore db = cluster.db();
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
        assertThat(db.count("SELECT count(*) FROM sc_step_runs s JOIN sc_runs r ON r.id = s.run_id"
            + " WHERE r.state = 'RUNNING' AND r.node_id = 'node-a' AND s.step_id = 'first' AND s.state = 'RUNNING'"))
            .isEqualTo(RUNS));
    ClusterFixture.Node b = cluster.node("node-b").start();
    await().atMost(Duration.ofSeconds(30)).until(() -> db.count("SELECT count(*) FROM QRTZ_SCHEDULER_STATE") == 2);
    List<SlotChecker.RunRow> inFlight = db.runs("frozen");
    assertThat(inFlight).hasSize(RUNS).allSatisfy(r -> assertThat(r.nodeId()).isEqualTo("node-a"));
    Set<Long> ids = inFlight.stream().map(SlotChecker.RunRow::id).collect(Collectors.toSet());

    Instant frozenAt = Instant.now();
    a.freeze();
    try {
      // A's steps are past the check already; B's re-runs must not hang.
      Files.delete(hang);
      await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(500)).until(() ->
          db.runs("frozen").stream().allMatch(r -> r.attempt() == 2 && "node-b".equals(r.nodeId())));
      System.out.printf("frozen node: %d runs taken over by node-b %d ms after SIGSTOP%n", RUNS,
          Duration.between(frozenAt, Instant.now()).toMillis());
      // The rest of the 60 s: A stays frozen while B finishes the runs.
      Duration rest = FREEZE.minus(Duration.between(frozenAt, Instant.now()));
      await().pollDelay(rest).atMost(rest.plusSeconds(5)).until(() -> true);
    } finally {
      a.thaw();
    }
    Instant thawedAt = Instant.now();

    // Awake, A notices (heartbeat or the step fence) that it lost every run: all 20 end as stale
    // results on A, and A's hung steps are stopped.
    await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
        assertThat(db.count("SELECT count(DISTINCT run_id) FROM sc_events WHERE kind = 'STALE_RESULT_DISCARDED'"
            + " AND node_id = 'node-a'")).as("stale results discarded on node-a; events %s",
            db.rows("SELECT kind, node_id, run_id, message FROM sc_events WHERE run_id IS NOT NULL AND kind <> 'RUN_STARTED'"))
            .isEqualTo(RUNS));
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
        assertThat(a.killSteps()).as("node-a stopped its fenced steps").isEmpty());
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() ->
        db.runs("frozen").stream().noneMatch(r -> r.state().equals("RUNNING")));

    SlotChecker.Result result = new SlotChecker(Duration.ZERO).check(inFlight.stream()
        .map(r -> new SlotChecker.Expected(SlotChecker.Slot.at(r.workflowId(), r.scheduledAt()), frozenAt.plusSeconds(30)))
        .toList(), db.runs("frozen"), db.steps("frozen"));
    result.assertExactlyOnceInTime();
    assertThat(db.runs("frozen")).allSatisfy(r -> {
      assertThat(r.state()).isEqualTo("SUCCEEDED");
      assertThat(r.nodeId()).isEqualTo("node-b");
      assertThat(r.attempt()).isEqualTo(2);
    });
    // A completed none: no second step of attempt 1 started a process (the store may record it
    // as not started), and none ran (the journal).
    assertThat(db.rows("SELECT run_id, state, pid, started_at FROM sc_step_runs WHERE step_id = 'second'"
        + " AND run_attempt = 1 AND (pid IS NOT NULL OR state IN ('RUNNING', 'SUCCEEDED', 'SUCCEEDED_WITH_WARNINGS', 'FAILED'))"))
        .as("second steps of attempt 1: %s", db.rows("SELECT run_id, state, pid, started_at, error FROM sc_step_runs"
            + " WHERE step_id = 'second' AND run_attempt = 1")).isEmpty();
    List<String> lines = Files.readAllLines(journal);
    assertThat(lines).noneMatch(l -> l.startsWith("second") && l.endsWith(" 1 node-a"));
    for (long id : ids) {
      assertThat(lines).as("run %d", id).containsOnlyOnce("second " + id + " 2 node-b");
    }
    // The runs whose step still ran when A woke were fenced by A's heartbeat.
    long fenced = db.count("SELECT count(DISTINCT run_id) FROM sc_events WHERE kind = 'RUN_FENCED' AND node_id = 'node-a'");
    System.out.printf("frozen node: thawed at +%d s; RUN_FENCED on node-a for %d runs, STALE_RESULT_DISCARDED for %d%n",
        Duration.between(frozenAt, thawedAt).toSeconds(), fenced, RUNS);
    assertThat(fenced).as("runs with a step still running on node-a when it woke").isGreaterThanOrEqualTo(RUNS / 2);
    assertThat(a.alive()).as("node-a lives on after SIGCONT").isTrue();
    assertThat(b.alive()).isTrue();
  }
}
