package dev.shotclock.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte sizes: {@code 512}, {@code 64KB}, {@code 50MB}, {@code 1GB}; a KB is 1024 bytes, so {@code
 * KiB}, {@code MiB} and {@code GiB} are read as the same units.
 */
public final class Sizes {

  private static final Pattern SIZE = Pattern.compile("([0-9]+)\\s*(B|KB|MB|GB|KIB|MIB|GIB)?");

  private Sizes() {}

  /**
   * @throws IllegalArgumentException when the text is not a size
   */
  static long parse(String text) {
    Matcher m = SIZE.matcher(text.trim().toUpperCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "invalid size '" + text + "'; use e.g. 512, 64KB, 50MB or 1GB");
    }
    int shift =
        switch (m.group(2) == null ? "B" : m.group(2)) {
          case "KB", "KIB" -> 10;
          case "MB", "MIB" -> 20;
          case "GB", "GIB" -> 30;
          default -> 0;
        };
    try {
      long count = Long.parseLong(m.group(1));
      if (count > (Long.MAX_VALUE >> shift)) {
        throw new NumberFormatException();
      }
      return count << shift;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("size '" + text + "' is too large");
    }
  }

  /** Bytes for people: 512 B, 12.3 MiB, 4.0 GiB. */
  public static String human(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double value = bytes / 1024.0;
    int unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}
