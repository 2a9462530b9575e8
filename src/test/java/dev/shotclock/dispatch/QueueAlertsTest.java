package dev.shotclock.dispatch;

import static dev.shotclock.dispatch.DispatcherContract.source;
import static dev.shotclock.dispatch.DispatcherContract.sources;
import static dev.shotclock.testsupport.Workflows.step;
import static dev.shotclock.testsupport.Workflows.workflow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shotclock.config.NotificationSettings;
import dev.shotclock.config.NotifierDef;
import dev.shotclock.config.NotifyEvent;
import dev.shotclock.config.OverlapPolicy;
import dev.shotclock.config.RateLimit;
import dev.shotclock.config.WatchdogSettings;
import dev.shotclock.notify.Alert;
import dev.shotclock.queue.NewTask;
import dev.shotclock.queue.Priority;
import dev.shotclock.queue.TaskState;
import dev.shotclock.testsupport.DaemonFixture;
import dev.shotclock.testsupport.MutableClock;
import dev.shotclock.testsupport.TestStores;
import dev.shotclock.testsupport.WebhookReceiver;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The queue's alerts: a task out of attempts, and CRITICAL work waiting too long. */
class QueueAlertsTest {

  @TempDir Path dir;
  DaemonFixture daemon;
  WebhookReceiver receiver;

  @AfterEach
  void stop() {
    if (daemon != null) {
      daemon.close();
    }
    if (receiver != null) {
      receiver.close();
    }
  }

  private static WatchdogSettings watchdog(Duration criticalPendingMax) {
    return new WatchdogSettings(Duration.ofHours(1), Duration.ofMinutes(10), 1L << 20, 2, 2, List.of(),
        criticalPendingMax);
  }

  @Test
  void a_task_that_uses_up_its_attempts_is_an_event_and_an_alert_with_the_commands_to_look_further()
      throws Exception {
    receiver = new WebhookReceiver();
    List<JsonNode> hooks = receiver.record("/hook", 204).bodies;
    NotificationSettings notify = new NotificationSettings(Duration.ofHours(1), Map.of("ops-hook",
        new NotifierDef.Webhook("ops-hook", receiver.url("/hook"), Map.of(), Set.of(NotifyEvent.TASK_DEAD))));
    daemon = DaemonFixture.startWith(dir, TestStores.Kind.H2, Clock.systemUTC(), watchdog(Duration.ofMinutes(30)),
        sources(source("bbref", "bbref-scrape", 1, RateLimit.NONE, 1)), notify,
        workflow("bbref-scrape").params(Map.of("game", "")).overlap(OverlapPolicy.ALLOW)
            .step(step("fetch").sh("echo 'HTTP 403 from basketball-reference'; exit 1")).build());
    long taskId = daemon.daemon().queues().current()
        .enqueue(NewTask.of("bbref", "bbref:pbp:2025:42").withMaxAttempts(1)).task().id();

    daemon.daemon().dispatcher().runOnce();

    await().atMost(Duration.ofSeconds(20)).until(() -> !hooks.isEmpty());
    JsonNode alert = hooks.get(0);
    assertThat(alert.get("event").asText()).isEqualTo("task_dead");
    assertThat(alert.get("workflow").asText()).isEqualTo("bbref-scrape");
    assertThat(alert.get("title").asText()).isEqualTo("task " + taskId + " of bbref is DEAD");
    assertThat(alert.get("text").asText()).contains("bbref:pbp:2025:42").contains("used up its 1 attempt(s)")
        .contains("shotclock requeue " + taskId);
    assertThat(alert.get("fields").get("dedupe_key").asText()).isEqualTo("bbref:pbp:2025:42");
    assertThat(daemon.daemon().queues().current().find(taskId).orElseThrow().state()).isEqualTo(TaskState.DEAD);
    assertThat(daemon.daemon().events().recent("TASK_DEAD", null, null, 5))
        .singleElement().satisfies(e -> assertThat(e.message()).contains("DEAD after 1 attempt(s)"));
  }

  @Test
  void critical_work_waiting_longer_than_the_bound_is_alerted_and_other_priorities_are_not() throws Exception {
    MutableClock clock = new MutableClock(Clock.systemUTC().instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    daemon = DaemonFixture.startWith(dir, TestStores.Kind.H2, clock, watchdog(Duration.ofMinutes(30)),
        sources(source("espn", "espn-scrape", 1, RateLimit.NONE, 3)),
        workflow("espn-scrape").params(Map.of("game", "")).step(step("fetch").sh("true")).build());
    List<Alert> alerts = new CopyOnWriteArrayList<>();
    QueueAlarms alarms = new QueueAlarms(daemon.daemon().liveConfigForTests(), daemon.daemon().queues(),
        alerts::add, clock);
    daemon.daemon().queues().current().enqueue(NewTask.of("espn", "espn:old-low").withPriority(Priority.LOW));
    clock.tick(Duration.ofMinutes(20));
    daemon.daemon().queues().current().enqueue(NewTask.of("espn", "espn:critical")
        .withPriority(Priority.CRITICAL));

    clock.tick(Duration.ofMinutes(29));
    assertThat(alarms.runOnce()).isEqualTo(Duration.ofMinutes(29));
    assertThat(alerts).as("a LOW task waited 49 min, the CRITICAL one 29").isEmpty();

    clock.tick(Duration.ofMinutes(2));
    assertThat(alarms.runOnce()).isEqualTo(Duration.ofMinutes(31));
    assertThat(alerts).singleElement().satisfies(a -> {
      assertThat(a.event()).isEqualTo(NotifyEvent.TASK_PENDING_TOO_LONG);
      assertThat(a.title()).isEqualTo("a CRITICAL task has waited 31 min");
      assertThat(a.text()).contains("watchdog.critical_pending_max 30 min").contains("shotclock tasks");
    });
  }

  @Test
  void a_full_queue_of_pending_work_is_never_a_health_problem() throws Exception {
    WatchdogSettings everySecond = new WatchdogSettings(Duration.ofSeconds(1), Duration.ofMinutes(10), 1L << 20, 2, 2,
        List.of(), Duration.ofHours(1));
    daemon = DaemonFixture.startWith(dir, TestStores.Kind.H2, Clock.systemUTC(), everySecond,
        sources(source("espn", "espn-scrape", 1, RateLimit.NONE, 3)),
        workflow("espn-scrape").params(Map.of("game", "")).step(step("fetch").sh("true")).build());
    List<NewTask> backlog = new java.util.ArrayList<>();
    for (int i = 0; i < 900; i++) {
      backlog.add(NewTask.of("espn", "espn:backlog:" + i).withPriority(i % 2 == 0 ? Priority.LOW : Priority.CRITICAL));
    }
    daemon.daemon().queues().current().enqueueAll(backlog);
    await().atMost(Duration.ofSeconds(10)).until(() -> daemon.daemon().watchdog().lastBeat() != null);
    java.time.Instant firstBeat = daemon.daemon().watchdog().lastBeat();

    // Three more watchdog ticks with the backlog in place: more than the two bad checks DOWN needs.
    await().atMost(Duration.ofSeconds(10)).until(() ->
        Duration.between(firstBeat, daemon.daemon().watchdog().lastBeat()).toSeconds() >= 3);

    assertThat(daemon.daemon().queues().current().stats().byState().get(TaskState.PENDING)).isEqualTo(900);
    assertThat(daemon.daemon().watchdog().report().health()).isEqualTo(dev.shotclock.watchdog.Health.UP);
    assertThat(daemon.daemon().watchdog().report().reasons()).isEmpty();
  }
}
