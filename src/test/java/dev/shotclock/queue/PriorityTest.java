package dev.shotclock.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PriorityTest {

  @ParameterizedTest
  @CsvSource({
      "critical, CRITICAL", "1, CRITICAL", "High, HIGH", " 2 , HIGH", "NORMAL, NORMAL",
      "medium, NORMAL", "3, NORMAL", "low, LOW", "4, LOW", "BACKGROUND, BACKGROUND", "5, BACKGROUND"
  })
  void a_priority_parses_from_its_name_or_level_in_any_case(String text, Priority expected) {
    assertThat(Priority.parse(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "0", "6", "urgent", "12"})
  void an_unknown_priority_is_refused_with_the_choices(String text) {
    assertThatThrownBy(() -> Priority.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CRITICAL, HIGH, NORMAL (or MEDIUM), LOW, BACKGROUND or 1 to 5");
  }

  @Test
  void a_lower_level_is_a_higher_priority() {
    assertThat(Priority.CRITICAL.level()).isEqualTo(1);
    assertThat(Priority.BACKGROUND.level()).isEqualTo(5);
    assertThat(Priority.HIGH.isHigherThan(Priority.NORMAL)).isTrue();
    assertThat(Priority.NORMAL.isHigherThan(Priority.NORMAL)).isFalse();
    assertThat(Priority.LOW.isHigherThan(Priority.HIGH)).isFalse();
  }
}
