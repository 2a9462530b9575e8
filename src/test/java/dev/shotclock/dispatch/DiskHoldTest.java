package dev.shotclock.dispatch;

import static dev.shotclock.dispatch.DispatcherContract.source;
import static dev.shotclock.dispatch.DispatcherContract.sources;
import static dev.shotclock.testsupport.Workflows.step;
import static dev.shotclock.testsupport.Workflows.workflow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shotclock.config.OverlapPolicy;
import dev.shotclock.config.RateLimit;
import dev.shotclock.config.WatchdogSettings;
import dev.shotclock.history.RunState;
import dev.shotclock.queue.NewTask;
import dev.shotclock.queue.TaskState;
import dev.shotclock.testsupport.DaemonFixture;
import dev.shotclock.testsupport.TestStores;
import dev.shotclock.watchdog.CheckResult;
import dev.shotclock.watchdog.DiskSpaceCheck;
import dev.shotclock.watchdog.Health;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Disk space below {@code watchdog.min_free}: data collection is held back (slots recorded
 * SKIPPED_RESOURCE, no task dispatched, nothing lost), other workflows run on, and everything
 * resumes when the space is back.
 */
class DiskHoldTest {

  private static final long MIN_FREE = 1L << 30;

  @TempDir Path dir;
  DaemonFixture daemon;
  final AtomicLong free = new AtomicLong(10L << 30);

  @AfterEach
  void stop() {
    if (daemon != null) {
      daemon.close();
    }
  }

  @Test
  void a_short_disk_holds_collection_back_and_releases_it_when_space_returns() throws Exception {
    // The daemon's own watchdog ticks hourly here, so only the check below decides.
    WatchdogSettings watchdog = new WatchdogSettings(Duration.ofHours(1), Duration.ofMinutes(10), MIN_FREE,
        2, 2, List.of(), Duration.ofMinutes(30));
    daemon = DaemonFixture.startWith(dir, TestStores.Kind.H2, Clock.systemUTC(), watchdog,
        sources(source("espn", "espn-scrape", 1, RateLimit.NONE, 1)),
        workflow("espn-scrape").params(Map.of("game", "")).overlap(OverlapPolicy.ALLOW).collectsData()
            .step(step("fetch").sh("true")).build(),
        workflow("collect").cron("* * * * * ?").collectsData().step(step("s").sh("true")).build(),
        workflow("report").cron("* * * * * ?").step(step("s").sh("true")).build());
    DiskSpaceCheck disk = new DiskSpaceCheck(List.of(dir.resolve("data")), MIN_FREE, p -> free.get(),
        daemon.daemon().engine().resources(), daemon.daemon().events());

    free.set(100L << 20);
    CheckResult low = disk.runOnce();
    java.time.Instant heldAt = Clock.systemUTC().instant();
    long taskId = daemon.daemon().queues().current().enqueue(NewTask.of("espn", "espn:1")).task().id();

    assertThat(low.health()).isEqualTo(Health.DEGRADED);
    assertThat(low.detail()).contains("100 MiB free, below watchdog.min_free 1024 MiB")
        .contains("data collection held back");
    assertThat(daemon.daemon().dispatcher().runOnce().claimed()).isZero();
    await().atMost(Duration.ofSeconds(15)).until(() ->
        daemon.runs("collect", RunState.SKIPPED_RESOURCE).stream()
            .anyMatch(r -> r.scheduledAt().isAfter(heldAt.plusSeconds(1)))
            && !daemon.runs("report", RunState.SUCCEEDED).isEmpty());
    assertThat(daemon.runs("collect", RunState.SKIPPED_RESOURCE).get(0).reason()).contains("disk low");
    assertThat(daemon.runs("collect")).filteredOn(r -> r.scheduledAt().isAfter(heldAt.plusSeconds(1)))
        .isNotEmpty().allMatch(r -> r.state() == RunState.SKIPPED_RESOURCE);
    assertThat(daemon.daemon().queues().current().find(taskId).orElseThrow().state()).isEqualTo(TaskState.PENDING);
    assertThat(daemon.daemon().events().recent("RESOURCE", null, null, 10))
        .anySatisfy(e -> assertThat(e.message()).contains("disk low"));

    free.set(10L << 30);
    assertThat(disk.runOnce().health()).isEqualTo(Health.UP);

    assertThat(daemon.daemon().dispatcher().runOnce().claimed()).isEqualTo(1);
    await().atMost(Duration.ofSeconds(15)).until(() ->
        !daemon.runs("collect", RunState.SUCCEEDED).isEmpty()
            && daemon.daemon().queues().current().find(taskId).orElseThrow().state() == TaskState.SUCCEEDED);
    assertThat(daemon.daemon().events().recent("RESOURCE", null, null, 10))
        .anySatisfy(e -> assertThat(e.message()).contains("data collection resumes"));
  }
}
