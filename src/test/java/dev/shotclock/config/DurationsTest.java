package dev.shotclock.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @Test
  void each_unit_is_read() {
    assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(Durations.parse("30m")).isEqualTo(Duration.ofMinutes(30));
    assertThat(Durations.parse("2h")).isEqualTo(Duration.ofHours(2));
    assertThat(Durations.parse("1d")).isEqualTo(Duration.ofDays(1));
  }

  @Test
  void units_combine_from_the_largest_down() {
    assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(Durations.parse("1d2h3m4s5ms"))
        .isEqualTo(Duration.ofDays(1).plusHours(2).plusMinutes(3).plusSeconds(4).plusMillis(5));
  }

  @Test
  void zero_needs_no_unit() {
    assertThat(Durations.parse("0")).isZero();
    assertThat(Durations.parse("0s")).isZero();
  }

  @Test
  void a_bare_number_asks_for_a_unit() {
    assertThatThrownBy(() -> Durations.parse("90")).hasMessage("add a unit: 90s");
  }

  @Test
  void a_negative_duration_is_refused() {
    assertThatThrownBy(() -> Durations.parse("-5s")).hasMessage("must not be negative");
  }

  @ParameterizedTest
  @ValueSource(strings = {"90x", "h", "1.5h", "30m1h", "1h1h", "1h 30m", "", "90 s", "5S"})
  void anything_else_is_refused_with_examples(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "invalid duration '" + text.trim() + "'; use e.g. 500ms, 90s, 30m, 2h, 1d or 1h30m");
  }

  @Test
  void an_overflowing_duration_is_refused() {
    assertThatThrownBy(() -> Durations.parse("99999999999999999999d"))
        .hasMessageContaining("too large");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1d9223372036854775807s", "9223372036854775807s", "106751991167301d"})
  void a_duration_beyond_what_milliseconds_can_count_is_refused_not_thrown_as_overflow(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("duration '" + text + "' is too large");
  }

  @Test
  void format_writes_the_shortest_form() {
    assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
    assertThat(Durations.format(Duration.ofMillis(500))).isEqualTo("500ms");
    assertThat(Durations.format(Duration.ofSeconds(61))).isEqualTo("1m1s");
    assertThat(Durations.format(Duration.ofDays(30))).isEqualTo("30d");
    assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
    assertThat(Durations.format(Duration.ofSeconds(-5))).isEqualTo("-5s");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1d2h3m4s5ms", "1h30m", "500ms", "0s", "6h"})
  void format_reads_back(String text) {
    assertThat(Durations.format(Durations.parse(text))).isEqualTo(text);
  }
}
