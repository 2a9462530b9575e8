package dev.shotclock.e2e;

import static dev.shotclock.testsupport.Installation.cli;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shotclock.testsupport.Installation;
import dev.shotclock.testsupport.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dispatcher through {@code bin/}: tasks queued with {@code shotclock enqueue}, the daemon
 * SIGKILLed while two of them run, restarted; no task may stay RUNNING, no scraper may survive,
 * each task runs to the end exactly once more and never more than max_concurrent at a time.
 */
class DispatcherE2ETest {

  private static final int TASKS = 5;

  @TempDir Path dir;
  private final List<Process> daemons = new ArrayList<>();

  @AfterEach
  void stopDaemons() throws InterruptedException {
    for (Process p : daemons) {
      p.destroy();
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }

  private Process start(Path conf) throws Exception {
    Process p = Installation.startDaemon(conf, dir.resolve("daemon.log"));
    daemons.add(p);
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
      assertThat(p.isAlive()).as("daemon alive; log:\n%s", Files.readString(dir.resolve("daemon.log"))).isTrue();
      assertThat(cli(conf, "health").exitCode()).isZero();
    });
    return p;
  }

  private static JsonNode tasks(Path conf) throws Exception {
    Installation.Result r = cli(conf, "--json", "tasks", "--limit", "100");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    return r.json();
  }

  private static Map<String, Integer> byState(JsonNode view) {
    Map<String, Integer> counts = new HashMap<>();
    view.get("tasks").forEach(t -> counts.merge(t.get("state").asText(), 1, Integer::sum));
    return counts;
  }

  /**
   * on_crash rerun: the interrupted runs are re-run and their tasks follow them (task attempt 1).
   * on_crash fail: the runs stay INTERRUPTED and start-up recovery releases their tasks for a retry
   * (task attempt 2).
   */
  @ParameterizedTest
  @CsvSource({"rerun, 1", "fail, 2"})
  void kill_9_while_tasks_run_leaves_no_task_running_and_no_scraper_alive_after_restart(
      String onCrash, int attemptOfInterrupted) throws Exception {
    Path marks = Files.createDirectories(dir.resolve("marks"));
    Files.createFile(marks.resolve("hang"));
    Path conf = Installation.writeConfig(dir, Installation.testDaemonYaml(), Map.of("scrape.yaml", """
        id: scrape
        overlap: allow
        on_crash: %2$s
        params: { game: "" }
        steps:
          - id: fetch
            # While the file 'hang' exists (the first daemon's life) a scraper hangs with a
            # grandchild; afterwards it ends at once. Each start and end goes to a journal so
            # the test can count scrapers running at once.
            run: [sh, -c, "echo start $0 >> %1$s/journal; if [ -f %1$s/hang ]; then sleep 1000 & sleep 1000; wait; fi; echo end $0 >> %1$s/journal", "${param.game}"]
        """.formatted(marks, onCrash)));
    Files.writeString(conf.resolve("sources.yaml"), """
        dispatch_every: 1s
        sources:
          espn:
            workflow: scrape
            max_concurrent: 2
            retry: { max_attempts: 3, backoff: 1s }
        """);
    Process first = start(conf);
    for (int i = 0; i < TASKS; i++) {
      Installation.Result r = cli(conf, "enqueue", "espn", "--key", "espn:game:" + i, "-p", "game=g" + i);
      assertThat(r.exitCode()).as(r.stderr()).isZero();
    }
    Path stateDir = dir.resolve("var").toAbsolutePath();
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(byState(tasks(conf)).getOrDefault("RUNNING", 0)).isEqualTo(2));
    // Two scrapers, each a shell with two sleeps: wait until all six processes exist.
    await().atMost(Duration.ofSeconds(30)).until(() ->
        Processes.withEnvironment("SHOTCLOCK_STATE_DIR=" + stateDir).size() >= 6);
    List<Long> scrapers = Processes.withEnvironment("SHOTCLOCK_STATE_DIR=" + stateDir);
    List<Long> interrupted = new ArrayList<>();
    tasks(conf).get("tasks").forEach(t -> {
      if (t.get("state").asText().equals("RUNNING")) {
        interrupted.add(t.get("id").asLong());
      }
    });
    assertThat(byState(tasks(conf)).getOrDefault("PENDING", 0))
        .as("max_concurrent 2 holds the other tasks back").isEqualTo(TASKS - 2);

    first.destroyForcibly();
    assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
    Files.writeString(marks.resolve("journal"), "restart -\n", java.nio.file.StandardOpenOption.APPEND);
    Files.delete(marks.resolve("hang"));
    start(conf);

    await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
        assertThat(scrapers).as("the killed daemon's scrapers are reaped").noneMatch(Processes::isAlive));
    // The two interrupted tasks follow their runs' rerun, the three held back run afterwards.
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
        assertThat(byState(tasks(conf))).as(tasks(conf).toString()).isEqualTo(Map.of("SUCCEEDED", TASKS)));

    JsonNode view = tasks(conf);
    view.get("tasks").forEach(t -> {
      assertThat(t.get("run_id").isNull()).as("task %s has its run", t).isFalse();
      int expectedAttempt = interrupted.contains(t.get("id").asLong()) ? attemptOfInterrupted : 1;
      assertThat(t.get("attempt").asInt()).as("attempts of task %s", t).isEqualTo(expectedAttempt);
    });
    List<String> journal = Files.readAllLines(marks.resolve("journal"));
    for (int i = 0; i < TASKS; i++) {
      String game = "g" + i;
      assertThat(journal).as("game %s finished exactly once", game).containsOnlyOnce("end " + game);
    }
    assertThat(maxConcurrent(journal)).as("never more than max_concurrent scrapers at once").isLessThanOrEqualTo(2);
  }

  /**
   * The most scrapers the journal shows between a start and its end. A hung first attempt has no
   * end line: it counts as running until the restart line the test wrote after the kill (its
   * process group may still be alive then, but it is reaped before the dispatcher launches).
   */
  private static int maxConcurrent(List<String> journal) {
    Map<String, Integer> running = new HashMap<>();
    int max = 0;
    for (String line : journal) {
      String[] parts = line.split(" ");
      if (parts[0].equals("restart")) {
        running.clear();
      } else if (parts[0].equals("start")) {
        running.put(parts[1], 1);
      } else {
        running.remove(parts[1]);
      }
      max = Math.max(max, running.size());
    }
    return max;
  }
}
