package dev.shotclock.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueueSettingsTest {

  @Test
  void the_defaults_are_the_contracts() {
    QueueSettings s = QueueSettings.defaults();

    assertThat(s.cooldown()).isEqualTo(Duration.ofHours(6));
    assertThat(s.maxQueue()).isEqualTo(1000);
    assertThat(s.capOf(Priority.CRITICAL)).hasValue(100);
    assertThat(s.capOf(Priority.HIGH)).hasValue(300);
    assertThat(s.capOf(Priority.NORMAL)).hasValue(400);
    assertThat(s.capOf(Priority.LOW)).hasValue(200);
    assertThat(s.capOf(Priority.BACKGROUND)).isEmpty();
    assertThat(s.agingInterval()).isEqualTo(Duration.ofHours(6));
    assertThat(s.defaultMaxAttempts()).isEqualTo(3);
    assertThat(s.weightOf("espn")).isEqualTo(1.0);
  }

  @Test
  void caps_and_weights_can_be_changed_one_at_a_time() {
    QueueSettings s = QueueSettings.defaults().withPriorityCap(Priority.BACKGROUND, 50)
        .withPriorityCap(Priority.CRITICAL, null).withSourceWeight("espn", 1.5);

    assertThat(s.capOf(Priority.BACKGROUND)).hasValue(50);
    assertThat(s.capOf(Priority.CRITICAL)).isEmpty();
    assertThat(s.capOf(Priority.HIGH)).hasValue(300);
    assertThat(s.weightOf("espn")).isEqualTo(1.5);
    assertThat(s.weightOf("hoopr")).isEqualTo(1.0);
  }

  @Test
  void impossible_settings_are_refused_with_the_limit_in_the_message() {
    QueueSettings d = QueueSettings.defaults();

    assertThatThrownBy(() -> d.withMaxQueue(0)).hasMessageContaining("at least 1");
    assertThatThrownBy(() -> d.withCooldown(Duration.ofSeconds(-1)))
        .hasMessageContaining("negative");
    assertThatThrownBy(() -> d.withAgingInterval(Duration.ZERO)).hasMessageContaining("positive");
    assertThatThrownBy(() -> d.withDefaultMaxAttempts(0)).hasMessageContaining("at least 1");
    assertThatThrownBy(() -> d.withPriorityCap(Priority.LOW, -1)).hasMessageContaining("LOW");
    assertThatThrownBy(() -> d.withSourceWeight("espn", 0)).hasMessageContaining("espn");
    assertThatThrownBy(() -> d.withSourceWeight("espn", Double.NaN))
        .hasMessageContaining("positive");
    assertThatThrownBy(() -> new QueueSettings(Duration.ZERO, 1, Map.of(), Duration.ofHours(1), 1,
        Map.of("x", Double.POSITIVE_INFINITY))).hasMessageContaining("'x'");
  }
}
