package dev.shotclock.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotificationsLoadingTest {

  @TempDir Path dir;

  private ShotClockConfig load(String settings, String workflow) throws Exception {
    Files.writeString(dir.resolve("shotclock.yaml"), settings);
    Files.createDirectories(dir.resolve("workflows"));
    Files.writeString(dir.resolve("workflows/w.yaml"), workflow);
    return new ConfigLoader(e -> Optional.empty(), Map.of("SLACK_URL", "https://hooks.example/x"), "host").load(dir);
  }

  @Test
  void notifiers_of_each_type_bind_with_default_events_and_a_workflow_names_them() throws Exception {
    ShotClockConfig cfg = load("""
        notifications:
          throttle: 30m
          notifiers:
            ops-slack: { type: slack, url: "${SLACK_URL}" }
            hook: { type: webhook, url: "http://127.0.0.1:9/h", headers: { Authorization: "Bearer x" }, events: [run_warnings] }
            mail: { type: email, host: smtp.example, port: 587, starttls: true, from: sc@example, to: [oncall@example] }
        """, "id: w\nnotify: [ops-slack]\nsteps:\n  - id: s\n    run: [\"true\"]\n");
    NotificationSettings n = cfg.daemon().notifications();
    assertThat(n.throttle()).hasMinutes(30);
    assertThat(n.notifiers().get("ops-slack")).isInstanceOf(NotifierDef.Slack.class);
    assertThat(n.notifiers().get("ops-slack").events()).contains(NotifyEvent.RUN_FAILED).doesNotContain(NotifyEvent.RUN_WARNINGS);
    assertThat(n.notifiers().get("hook").events()).containsExactly(NotifyEvent.RUN_WARNINGS);
    assertThat(((NotifierDef.Email) n.notifiers().get("mail")).port()).isEqualTo(587);
    assertThat(cfg.workflow("w").orElseThrow().notifiers()).containsExactly("ops-slack");
  }

  @Test
  void bad_notifiers_and_unknown_names_are_reported_with_their_lines() {
    assertThatThrownBy(() -> load("""
        notifications:
          notifiers:
            a: { type: pager, url: "http://x" }
            b: { type: slack, url: "ftp://x" }
            c: { type: email, host: h }
            d: { type: webhook, url: "http://x", events: [run_exploded] }
        """, "id: w\nnotify: [ops]\nsteps:\n  - id: s\n    run: [\"true\"]\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown notifier type 'pager'")
        .hasMessageContaining("must be an http:// or https:// URL")
        .hasMessageContaining("notifications.notifiers.c")
        .hasMessageContaining("'run_exploded' is not one of")
        .hasMessageContaining("w.yaml:2 notify[0]: no notifier 'ops'");
  }
}
