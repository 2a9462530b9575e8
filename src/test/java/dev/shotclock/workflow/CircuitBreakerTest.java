package dev.shotclock.workflow;

import static dev.shotclock.testsupport.Workflows.step;
import static dev.shotclock.testsupport.Workflows.workflow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shotclock.config.NotificationSettings;
import dev.shotclock.config.NotifierDef;
import dev.shotclock.config.NotifyEvent;
import dev.shotclock.history.WorkflowState;
import dev.shotclock.history.WorkflowStateRepository;
import dev.shotclock.testsupport.DaemonFixture;
import dev.shotclock.testsupport.MutableClock;
import dev.shotclock.testsupport.TestStores;
import dev.shotclock.testsupport.WebhookReceiver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CircuitBreakerTest {

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

  private WorkflowState state() {
    return new WorkflowStateRepository(daemon.daemon().jdbc()).find("scrape").orElseThrow();
  }

  @Test
  void opens_after_n_failures_notifies_once_and_closes_on_a_passing_probe() throws Exception {
    receiver = new WebhookReceiver();
    WebhookReceiver.Recorded hook = receiver.record("/hook", 200);
    Path healthy = dir.resolve("source-healthy");
    MutableClock clock = new MutableClock(Clock.systemUTC().instant());
    daemon = DaemonFixture.startNotifying(dir, TestStores.Kind.H2, clock,
        new NotificationSettings(Duration.ofHours(1), Map.of("hook", new NotifierDef.Webhook("hook",
            receiver.url("/hook"), Map.of(), Set.of(NotifyEvent.CIRCUIT_OPENED, NotifyEvent.CIRCUIT_CLOSED)))),
        workflow("scrape").circuitBreaker(3, Duration.ofHours(1), List.of("test", "-f", healthy.toString()))
            .step(step("fetch").sh("exit 1")).build());
    for (int i = 0; i < 2; i++) {
      daemon.runToEnd("scrape", Duration.ofSeconds(20));
    }
    assertThat(state().paused()).isFalse();
    daemon.runToEnd("scrape", Duration.ofSeconds(20));
    await().atMost(Duration.ofSeconds(5)).until(() -> state().paused());
    assertThat(state().pausedBy()).isEqualTo("circuit-breaker");
    assertThat(state().pauseReason()).isEqualTo("circuit-open: 3 failed runs in a row");
    daemon.runToEnd("scrape", Duration.ofSeconds(20));
    await().atMost(Duration.ofSeconds(10)).until(() -> !hook.bodies.isEmpty());

    CircuitBreaker breaker = daemon.daemon().engine().breaker();
    breaker.runOnce();
    assertThat(state().paused()).as("probe fails while the source is down").isTrue();
    Files.writeString(healthy, "");
    clock.tick(Duration.ofSeconds(2));
    breaker.runOnce();
    assertThat(state().paused()).isFalse();
    await().atMost(Duration.ofSeconds(10)).until(() -> hook.bodies.size() == 2);
    assertThat(hook.bodies).extracting(b -> b.get("event").asText())
        .containsExactly("circuit_opened", "circuit_closed");
  }

  @Test
  void closes_after_the_cool_off_without_a_probe() throws Exception {
    MutableClock clock = new MutableClock(Clock.systemUTC().instant());
    daemon = DaemonFixture.start(dir, TestStores.Kind.H2, clock,
        workflow("scrape").circuitBreaker(1, Duration.ofMinutes(30), null).step(step("fetch").sh("exit 1")).build());
    daemon.runToEnd("scrape", Duration.ofSeconds(20));
    // The breaker acts just after the run's end is stored.
    await().atMost(Duration.ofSeconds(5)).until(() -> state().paused());
    clock.tick(Duration.ofMinutes(29));
    daemon.daemon().engine().breaker().runOnce();
    assertThat(state().paused()).isTrue();
    clock.tick(Duration.ofMinutes(2));
    daemon.daemon().engine().breaker().runOnce();
    assertThat(state().paused()).isFalse();
  }
}
