package dev.shotclock.workflow;

import static dev.shotclock.testsupport.Workflows.step;
import static dev.shotclock.testsupport.Workflows.workflow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shotclock.config.OverlapPolicy;
import dev.shotclock.history.RunRecord;
import dev.shotclock.history.RunState;
import dev.shotclock.testsupport.DaemonFixture;
import dev.shotclock.testsupport.TestStores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Overlap policies on a real daemon firing every second (real time). */
class OverlapTest {

  @TempDir Path dir;
  DaemonFixture daemon;

  @AfterEach
  void stop() {
    if (daemon != null) {
      daemon.close();
    }
  }

  @Test
  void forbid_never_runs_two_at_once_and_records_the_skipped_slots() throws Exception {
    daemon = DaemonFixture.start(dir, TestStores.Kind.H2, Clock.systemUTC(),
        workflow("every-second").cron("* * * * * ?").overlap(OverlapPolicy.FORBID)
            .step(step("slow").sh("sleep 3")).build());
    await().atMost(Duration.ofSeconds(30)).until(() ->
        daemon.runs("every-second", RunState.SUCCEEDED).size() >= 2
            && daemon.runs("every-second", RunState.SKIPPED_OVERLAP).size() >= 3);
    List<RunRecord> all = daemon.runs("every-second");
    assertThat(all.stream().filter(r -> r.state() == RunState.RUNNING)).hasSizeLessThanOrEqualTo(1);
    List<RunRecord> ran = all.stream().filter(r -> r.finishedAt() != null && r.startedAt() != null)
        .sorted(Comparator.comparing(RunRecord::startedAt)).toList();
    for (int i = 1; i < ran.size(); i++) {
      RunRecord prev = ran.get(i - 1);
      assertThat(prev.finishedAt()).as("run %d ended before run %d started", prev.id(), ran.get(i).id())
          .isBeforeOrEqualTo(ran.get(i).startedAt());
    }
    List<RunRecord> skipped = daemon.runs("every-second", RunState.SKIPPED_OVERLAP);
    assertThat(skipped).allSatisfy(r -> assertThat(r.reason()).startsWith("overlap: forbid; run "));
  }

  @Test
  void queue_runs_a_waiting_slot_after_the_current_run() throws Exception {
    daemon = DaemonFixture.start(dir, TestStores.Kind.H2, Clock.systemUTC(),
        workflow("queued").overlap(OverlapPolicy.QUEUE).step(step("slow").sh("sleep 1")).build());
    long first = daemon.trigger("queued", java.util.Map.of());
    await().atMost(Duration.ofSeconds(10)).until(() ->
        daemon.runs().find(first).orElseThrow().state() == RunState.RUNNING);
    long second = daemon.trigger("queued", java.util.Map.of());
    assertThat(daemon.runs().find(second).orElseThrow().queued()).isTrue();
    RunRecord a = daemon.awaitEnd(first, Duration.ofSeconds(20));
    RunRecord b = daemon.awaitEnd(second, Duration.ofSeconds(20));
    assertThat(b.state()).isEqualTo(RunState.SUCCEEDED);
    assertThat(b.startedAt()).isAfterOrEqualTo(a.finishedAt());
  }
}
