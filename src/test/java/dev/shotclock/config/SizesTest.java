package dev.shotclock.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SizesTest {

  @Test
  void a_bare_number_is_bytes() {
    assertThat(Sizes.parse("512")).isEqualTo(512);
  }

  @Test
  void units_are_powers_of_1024() {
    assertThat(Sizes.parse("64KB")).isEqualTo(64 * 1024);
    assertThat(Sizes.parse("50MB")).isEqualTo(50L * 1024 * 1024);
    assertThat(Sizes.parse("1GB")).isEqualTo(1024L * 1024 * 1024);
  }

  @Test
  void binary_unit_names_are_the_same_units() {
    assertThat(Sizes.parse("1KiB")).isEqualTo(1024);
    assertThat(Sizes.parse("2MiB")).isEqualTo(2L * 1024 * 1024);
    assertThat(Sizes.parse("1GiB")).isEqualTo(Sizes.parse("1GB"));
  }

  @Test
  void units_ignore_case_and_a_space() {
    assertThat(Sizes.parse("64kb")).isEqualTo(64 * 1024);
    assertThat(Sizes.parse("10 MB")).isEqualTo(10L * 1024 * 1024);
  }

  @ParameterizedTest
  @ValueSource(strings = {"5TB", "1.5MB", "-1", "MB", "ten"})
  void anything_else_is_refused(String text) {
    assertThatThrownBy(() -> Sizes.parse(text))
        .hasMessage("invalid size '" + text + "'; use e.g. 512, 64KB, 50MB or 1GB");
  }

  @Test
  void an_overflowing_size_is_refused() {
    assertThatThrownBy(() -> Sizes.parse("9999999999999GB"))
        .hasMessage("size '9999999999999GB' is too large");
  }
}
