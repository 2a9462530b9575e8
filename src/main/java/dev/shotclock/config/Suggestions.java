package dev.shotclock.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean" for misspelt keys, step ids, enum values and time zones. */
final class Suggestions {

  private Suggestions() {}

  /**
   * The candidate closest to {@code input} by edit distance (case-insensitive), if it is close
   * enough to be a typo rather than a different word: none for one letter, 1 edit for words of up
   * to 3 letters, else 2 or a third of the length.
   */
  static Optional<String> nearest(String input, Collection<String> candidates) {
    String needle = input.toLowerCase(Locale.ROOT);
    // Replacing every letter of a word is no typo: 'z' must not suggest 'a'.
    int allowed =
        needle.length() <= 3 ? Math.min(1, needle.length() - 1) : Math.max(2, needle.length() / 3);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int d = distance(needle, candidate.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
  }

  /** {@code "; did you mean 'timeout'?"}, or nothing. */
  static String didYouMean(String input, Collection<String> candidates) {
    return nearest(input, candidates).map(s -> "; did you mean '" + s + "'?").orElse("");
  }

  /** Levenshtein distance, two rows. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
