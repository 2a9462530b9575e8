package dev.shotclock.notify;

import static dev.shotclock.testsupport.Workflows.step;
import static dev.shotclock.testsupport.Workflows.workflow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.shotclock.config.NotificationSettings;
import dev.shotclock.config.NotifierDef;
import dev.shotclock.config.NotifyEvent;
import dev.shotclock.history.RunState;
import dev.shotclock.testsupport.DaemonFixture;
import dev.shotclock.testsupport.MutableClock;
import dev.shotclock.testsupport.TestStores;
import dev.shotclock.testsupport.WebhookReceiver;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Notifiers against local receivers only: an HTTP server for Slack and webhooks, GreenMail for SMTP. */
class NotificationsTest {

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

  @TempDir Path dir;
  WebhookReceiver receiver;
  List<JsonNode> slack;
  List<JsonNode> hooks;
  List<String> hookAuth;
  DaemonFixture daemon;

  @BeforeEach
  void startReceivers() throws Exception {
    receiver = new WebhookReceiver();
    slack = receiver.record("/slack", 200).bodies;
    WebhookReceiver.Recorded hook = receiver.record("/hook", 204);
    hooks = hook.bodies;
    hookAuth = hook.authorizations;
    receiver.record("/broken", 500);
  }

  @AfterEach
  void stop() {
    if (daemon != null) {
      daemon.close();
    }
    receiver.close();
  }

  private String url(String path) {
    return receiver.url(path);
  }

  private NotificationSettings settings(Duration throttle) {
    Set<NotifyEvent> runs = Set.of(NotifyEvent.RUN_FAILED, NotifyEvent.RUN_TIMED_OUT);
    return new NotificationSettings(throttle, Map.of(
        "ops-slack", new NotifierDef.Slack("ops-slack", url("/slack"), runs),
        "ops-hook", new NotifierDef.Webhook("ops-hook", url("/hook"), Map.of("Authorization", "Bearer t0k"),
            Set.of(NotifyEvent.RUN_FAILED, NotifyEvent.DAEMON_STARTED)),
        "ops-mail", new NotifierDef.Email("ops-mail", "127.0.0.1", smtp.getSmtp().getPort(), false, null, null,
            "shotclock@example.test", List.of("oncall@example.test"), runs),
        "broken", new NotifierDef.Webhook("broken", url("/broken"), Map.of(), runs)));
  }

  @Test
  void a_failed_run_reaches_slack_webhook_and_email_with_the_log_tail_and_a_command() throws Exception {
    daemon = DaemonFixture.startNotifying(dir, TestStores.Kind.H2, Clock.systemUTC(), settings(Duration.ofHours(1)),
        workflow("nightly").step(step("scrape").sh("echo fetching games; echo 'HTTP 503 from espn' >&2; exit 4")).build());
    var run = daemon.runToEnd("nightly", Duration.ofSeconds(20));
    assertThat(run.state()).isEqualTo(RunState.FAILED);

    await().atMost(Duration.ofSeconds(10)).until(() -> !slack.isEmpty()
        && hooks.stream().anyMatch(h -> h.get("event").asText().equals("run_failed"))
        && smtp.getReceivedMessages().length == 1);
    String text = slack.get(0).get("text").asText();
    assertThat(text).contains("nightly run " + run.id() + " FAILED").contains("HTTP 503 from espn")
        .contains("shotclock show " + run.id());
    JsonNode hook = hooks.stream().filter(h -> h.get("event").asText().equals("run_failed")).findFirst().orElseThrow();
    assertThat(hook.get("workflow").asText()).isEqualTo("nightly");
    assertThat(hook.get("run_id").asLong()).isEqualTo(run.id());
    assertThat(hook.get("fields").get("state").asText()).isEqualTo("FAILED");
    assertThat(hookAuth).contains("Bearer t0k");
    MimeMessage mail = smtp.getReceivedMessages()[0];
    assertThat(mail.getSubject()).isEqualTo("[ShotClock] nightly run " + run.id() + " FAILED");
    assertThat((String) mail.getContent()).contains("fetching games");
  }

  @Test
  void identical_alerts_are_throttled_and_the_next_one_says_how_many_were_held_back() throws Exception {
    MutableClock clock = new MutableClock(Clock.systemUTC().instant());
    daemon = DaemonFixture.startNotifying(dir, TestStores.Kind.H2, clock, settings(Duration.ofMinutes(10)),
        workflow("flaky").step(step("s").sh("exit 1")).build());
    for (int i = 0; i < 3; i++) {
      daemon.runToEnd("flaky", Duration.ofSeconds(20));
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> slack.size() == 1);
    await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> slack.size() == 1);
    clock.tick(Duration.ofMinutes(11));
    daemon.runToEnd("flaky", Duration.ofSeconds(20));
    await().atMost(Duration.ofSeconds(5)).until(() -> slack.size() == 2);
    assertThat(slack.get(1).get("text").asText()).contains("(2 identical alert(s) held back by throttling)");
  }

  @Test
  void a_workflow_notify_list_picks_its_notifiers_and_daemon_events_go_to_subscribers() throws Exception {
    daemon = DaemonFixture.startNotifying(dir, TestStores.Kind.H2, Clock.systemUTC(), settings(Duration.ofHours(1)),
        workflow("quiet").notify("ops-hook").step(step("s").sh("exit 1")).build());
    daemon.runToEnd("quiet", Duration.ofSeconds(20));
    await().atMost(Duration.ofSeconds(10)).until(() ->
        hooks.stream().anyMatch(h -> h.get("event").asText().equals("run_failed")));
    assertThat(hooks).anySatisfy(h -> assertThat(h.get("event").asText()).isEqualTo("daemon_started"));
    assertThat(slack).isEmpty();
    assertThat(smtp.getReceivedMessages()).isEmpty();
  }
}
