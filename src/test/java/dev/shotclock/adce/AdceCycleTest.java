package dev.shotclock.adce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shotclock.queue.Task;
import dev.shotclock.queue.TaskFilter;
import dev.shotclock.queue.TaskState;
import dev.shotclock.testsupport.DaemonFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ADCE loop on its own, on the shipped sample (examples/adce): the reconcile workflow fires
 * from its cron trigger, its gaps become tasks, the dispatcher runs the collectors within their
 * limits, they write the files, and a later reconciliation finds nothing left to do. Nobody
 * triggers anything: the schedule is sped up to every 3 seconds, nothing else is changed.
 */
class AdceCycleTest {

  @TempDir Path dir;
  DaemonFixture daemon;

  @AfterEach
  void stop() {
    if (daemon != null) {
      daemon.close();
    }
  }

  @Test
  void reconcile_queue_dispatch_collect_reconcile_runs_by_itself_until_no_gap_is_left() throws Exception {
    Path sample = copy(Path.of("examples/adce"), dir.resolve("adce"));
    Files.writeString(sample.resolve("conf/shotclock.yaml"), "admin: { port: 0 }\n");
    Path reconcile = sample.resolve("conf/workflows/reconcile.yaml");
    Files.writeString(reconcile, Files.readString(reconcile)
        .replace("cron: \"*/15 * * * *\"", "cron: \"*/3 * * * * ?\""));
    daemon = DaemonFixture.startFromConfigDir(sample.resolve("conf"), Map.of("PATH", System.getenv("PATH")),
        Clock.systemUTC());
    var reconciliations = new ReconciliationRepository(daemon.daemon().jdbc());

    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() ->
        reconciliations.history("reconcile", "inventory", 1).stream().anyMatch(r -> r.gapsFound() == 0));

    List<ReconciliationRecord> history = reconciliations.history("reconcile", "inventory", 100);
    ReconciliationRecord first = history.get(history.size() - 1);
    assertThat(first.gapsFound()).as("the sample's planted gaps").isEqualTo(6);
    assertThat(first.tasksCreated()).isEqualTo(6);
    List<Task> tasks = daemon.daemon().queues().current().list(TaskFilter.all().withLimit(1000));
    assertThat(tasks).hasSize(6).allMatch(t -> t.state() == TaskState.SUCCEEDED);
    assertThat(tasks).extracting(Task::dedupeKey).doesNotHaveDuplicates();
    assertThat(sample.resolve("data/espn/2025-26/401800003.json")).exists();
    assertThat(daemon.runs("collect-espn")).allMatch(r -> r.state().isSuccess());
  }

  private static Path copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : files.filter(p -> !p.toString().contains("/var")).toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    return to;
  }
}
