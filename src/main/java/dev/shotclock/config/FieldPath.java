package dev.shotclock.config;

/** Field paths as shown in problems: {@code steps[3].retry.backoff} (list indexes are 0-based). */
final class FieldPath {

  private FieldPath() {}

  static String key(String parent, String key) {
    return parent.isEmpty() ? key : parent + "." + key;
  }

  static String index(String parent, int index) {
    return parent + "[" + index + "]";
  }
}
