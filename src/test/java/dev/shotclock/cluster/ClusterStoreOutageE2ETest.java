package dev.shotclock.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database of a cluster stopped for 60 s under load (reliability.md §7.4; Quartz #95, #145,
 * #1516: triggers left ACQUIRED, BLOCKED or ERROR after a database loss). Two nodes fire two
 * workflows every 5 s; PostgreSQL itself is stopped ({@code pg_ctlcluster ... stop}) and started
 * again. Both nodes must stay up and report DEGRADED meanwhile, fire again afterwards, catch up
 * every slot of the outage exactly once ({@code catch_up: all}), and leave no trigger stuck.
 *
 * <p>This stops the machine's PostgreSQL, which every other process on it uses: it is the only
 * test that does, it keeps the stop to the 60 s asked for, it runs last in the cluster profile
 * (classes run in alphabetical order), and PostgreSQL is started again whatever happens (finally,
 * and the {@link #postgresRunsAgain} guard).
 */
@Tag("cluster")
class ClusterStoreOutageE2ETest {

  private static final Duration OUTAGE = Duration.ofSeconds(60);
  private static final Duration SETTLE = Duration.ofSeconds(20);
  private static final List<String> WORKFLOWS = List.of("tick-a", "tick-b");

  @TempDir Path dir;
  private ClusterFixture cluster;

  @AfterEach
  void postgresRunsAgain() throws Exception {
    try {
      if (!Postgres.ready()) {
        Postgres.start();
      }
    } finally {
      if (cluster != null) {
        cluster.close();
      }
    }
  }

  @Test
  void both_nodes_survive_a_60_s_database_stop_degraded_then_fire_and_catch_up_every_slot_once() throws Exception {
    Path journal = dir.resolve("journal");
    cluster = new ClusterFixture(dir.resolve("cluster")).nodeSettings(String.join("\n",
        "scheduler: { threads: 6, max_concurrent: 6, shutdown_grace: 3s, kill_grace: 2s, misfire_threshold: 10s }",
        "watchdog: { interval: 5s }"));
    for (String wf : WORKFLOWS) {
      cluster.workflow(wf + ".yaml", """
          id: %s
          triggers: [ { cron: "0/5 * * * * ?" } ]
          catch_up: { policy: all, max_lateness: 1h }
          overlap: allow
          steps:
            - id: tick
              run: [sh, -c, "echo \\"$SHOTCLOCK_WORKFLOW $SHOTCLOCK_SCHEDULED_AT $SHOTCLOCK_NODE_ID\\" >> %s; sleep 2"]
          """.formatted(wf, journal));
    }
    ClusterFixture.Node a = cluster.node("node-a").start();
    ClusterFixture.Node b = cluster.node("node-b").start();
    ClusterStore db = cluster.db();
    // Slots are counted from the first one after both nodes are up.
    Instant firstSlot = nextSlot(Instant.now().plusSeconds(1));
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() ->
        db.runs("tick-a").stream().anyMatch(r -> r.state().equals("SUCCEEDED") && !r.scheduledAt().isBefore(firstSlot.plusSeconds(5))));

    Instant stoppedAt = Instant.now();
    Instant restoredAt;
    Postgres.stop();
    try {
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
        assertThat(health(a)).as("node-a health").isEqualTo("DEGRADED");
        assertThat(health(b)).as("node-b health").isEqualTo("DEGRADED");
      });
      System.out.printf("store outage: both nodes DEGRADED %d s after the stop%n",
          Duration.between(stoppedAt, Instant.now()).toSeconds());
      Duration rest = OUTAGE.minus(Duration.between(stoppedAt, Instant.now()));
      await().during(rest).atMost(rest.plusSeconds(10)).pollInterval(Duration.ofSeconds(2)).until(() ->
          a.alive() && b.alive());
    } finally {
      restoredAt = Instant.now();
      Postgres.start();
    }
    System.out.printf("store outage: PostgreSQL stopped for %d s%n", Duration.between(stoppedAt, restoredAt).toSeconds());
    assertThat(a.alive() && b.alive()).as("both nodes stayed up").isTrue();

    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
      assertThat(a.cli("health").exitCode()).as("node-a healthy again").isZero();
      assertThat(b.cli("health").exitCode()).as("node-b healthy again").isZero();
      assertThat(db.runs("tick-a", "tick-b").stream().filter(r -> r.state().equals("SUCCEEDED")
          && r.scheduledAt().isAfter(restoredAt)).map(SlotChecker.RunRow::workflowId).distinct().count())
          .as("both workflows fire again").isEqualTo(2);
    });
    System.out.printf("store outage: both nodes healthy and firing %d s after the restart%n",
        Duration.between(restoredAt, Instant.now()).toSeconds());

    // Every slot from before the stop to after the restart, the outage's caught up. A slot due
    // while the store was down, or while the nodes were getting back to it (up to 30 s after its
    // return, reliability.md §7.4's bound for firing to resume), is missed by Quartz (misfire
    // threshold 10 s) and caught up by slot accounting: it must start within 60 s of the return.
    // Any other slot must start within 15 s of its time.
    Instant lastSlot = nextSlot(restoredAt.plusSeconds(45));
    List<SlotChecker.Expected> expected = new ArrayList<>();
    for (String wf : WORKFLOWS) {
      for (Instant t = firstSlot; !t.isAfter(lastSlot); t = t.plusSeconds(5)) {
        boolean hitByOutage = t.isAfter(stoppedAt.minusSeconds(15)) && !t.isAfter(restoredAt.plusSeconds(30));
        expected.add(new SlotChecker.Expected(SlotChecker.Slot.at(wf, t),
            hitByOutage ? restoredAt.plusSeconds(60) : t.plusSeconds(15)));
      }
    }
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).until(() ->
        new SlotChecker(Duration.ZERO).check(expected, db.runs("tick-a", "tick-b"), List.of()).lost().isEmpty());
    SlotChecker.Result result = new SlotChecker(Duration.ZERO)
        .check(expected, db.runs("tick-a", "tick-b"), db.steps("tick-a", "tick-b"));
    result.assertExactlyOnceInTime();
    List<String> lines = Files.readAllLines(journal);
    for (SlotChecker.Expected e : expected) {
      String slot = e.slot().workflowId() + " " + e.slot().key();
      assertThat(lines.stream().filter(l -> l.startsWith(slot + " ")).count()).as("executions of %s", slot).isEqualTo(1);
    }

    // No trigger stuck: ERROR at all, or ACQUIRED / BLOCKED past its fire time by more than the
    // settle time or without its fired-trigger row (both are transient while a trigger fires).
    String stuck = "SELECT t.TRIGGER_NAME || ' ' || t.TRIGGER_STATE || ' next ' || t.NEXT_FIRE_TIME FROM QRTZ_TRIGGERS t"
        + " WHERE t.TRIGGER_STATE = 'ERROR' OR (t.TRIGGER_STATE IN ('ACQUIRED', 'BLOCKED') AND (t.NEXT_FIRE_TIME < ?"
        + " OR NOT EXISTS (SELECT 1 FROM QRTZ_FIRED_TRIGGERS f WHERE f.SCHED_NAME = t.SCHED_NAME"
        + " AND f.TRIGGER_NAME = t.TRIGGER_NAME AND f.TRIGGER_GROUP = t.TRIGGER_GROUP)))";
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() ->
        db.rows(stuck, System.currentTimeMillis() - SETTLE.toMillis()).isEmpty());
    await().during(Duration.ofSeconds(15)).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofSeconds(1))
        .untilAsserted(() -> assertThat(db.rows(stuck, System.currentTimeMillis() - SETTLE.toMillis()))
            .as("triggers stuck after the outage; all: %s", db.rows("SELECT TRIGGER_NAME, TRIGGER_STATE FROM QRTZ_TRIGGERS"))
            .isEmpty());
    assertThat(a.alive() && b.alive()).isTrue();
  }

  private static String health(ClusterFixture.Node node) throws Exception {
    JsonNode h = node.cli("--json", "health").json();
    return h.path("status").asText();
  }

  /** The first 5 s cron slot at or after {@code t}. */
  private static Instant nextSlot(Instant t) {
    Instant s = t.truncatedTo(ChronoUnit.SECONDS);
    long mod = s.getEpochSecond() % 5;
    return mod == 0 && !s.isBefore(t) ? s : s.plusSeconds(5 - mod);
  }

  /** The machine's PostgreSQL cluster, stopped and started as CI does ({@code .ci/run}). */
  static final class Postgres {
    private Postgres() {}

    static boolean ready() throws Exception {
      return run("pg_isready", "-h", "127.0.0.1", "-p", "5432", "-q") == 0;
    }

    static void stop() throws Exception {
      assertThat(ctl("stop")).as("pg_ctlcluster stop").isZero();
    }

    static void start() throws Exception {
      int rc = ctl("start");
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(Postgres::ready);
      assertThat(rc == 0 || ready()).as("pg_ctlcluster start").isTrue();
    }

    private static int ctl(String action) throws Exception {
      String version;
      try (var versions = Files.list(Path.of("/etc/postgresql"))) {
        version = versions.map(p -> p.getFileName().toString()).sorted().findFirst().orElseThrow();
      }
      return run("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", action);
    }

    private static int run(String... cmd) throws Exception {
      Process p = new ProcessBuilder(cmd).inheritIO().start();
      if (!p.waitFor(90, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return -1;
      }
      return p.exitValue();
    }
  }
}
