package dev.shotclock.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

  private static final List<String> KEYS = List.of("id", "run", "timeout", "retry", "depends_on");

  @Test
  void a_typo_suggests_the_nearest_key() {
    assertThat(Suggestions.nearest("timout", KEYS)).contains("timeout");
    assertThat(Suggestions.nearest("depend_on", KEYS)).contains("depends_on");
    assertThat(Suggestions.nearest("Retry", KEYS)).contains("retry");
  }

  @Test
  void a_different_word_suggests_nothing() {
    assertThat(Suggestions.nearest("command", KEYS)).isEmpty();
  }

  @Test
  void short_words_allow_only_one_edit() {
    assertThat(Suggestions.nearest("rn", KEYS)).contains("run");
    assertThat(Suggestions.nearest("of", KEYS)).isEmpty();
  }

  @Test
  void a_single_letter_suggests_nothing() {
    assertThat(Suggestions.nearest("z", List.of("a", "b"))).isEmpty();
    assertThat(Suggestions.nearest("A", List.of("a", "b"))).contains("a");
  }

  @Test
  void distance_counts_insertions_deletions_and_substitutions() {
    assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
    assertThat(Suggestions.distance("", "abc")).isEqualTo(3);
    assertThat(Suggestions.distance("same", "same")).isZero();
  }
}
