package dev.shotclock.config;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Human-readable durations: {@code 500ms}, {@code 90s}, {@code 30m}, {@code 2h}, {@code 1d} and
 * combinations from the largest unit down ({@code 1h30m}). {@code 0} alone is zero; any other bare
 * number is refused, because whether {@code timeout: 90} means seconds or minutes is a guess.
 */
public final class Durations {

  private static final Pattern PART = Pattern.compile("([0-9]+)(ms|s|m|h|d)");
  private static final Pattern BARE_NUMBER = Pattern.compile("[0-9]+");
  private static final String EXAMPLES = "use e.g. 500ms, 90s, 30m, 2h, 1d or 1h30m";

  /** Largest first: the order parts must be written in, and the order {@link #format} uses. */
  private static final List<Unit> UNITS =
      List.of(
          new Unit("d", Duration.ofDays(1)),
          new Unit("h", Duration.ofHours(1)),
          new Unit("m", Duration.ofMinutes(1)),
          new Unit("s", Duration.ofSeconds(1)),
          new Unit("ms", Duration.ofMillis(1)));

  private record Unit(String symbol, Duration length) {}

  private Durations() {}

  /**
   * @throws IllegalArgumentException saying what is wrong and how to write it, e.g. {@code add a
   *     unit: 90s}
   */
  public static Duration parse(String text) {
    String s = text.trim();
    if (s.startsWith("-")) {
      throw new IllegalArgumentException("must not be negative");
    }
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    if (BARE_NUMBER.matcher(s).matches()) {
      throw new IllegalArgumentException("add a unit: " + s + "s");
    }
    return sumOfParts(s);
  }

  private static Duration sumOfParts(String s) {
    Matcher m = PART.matcher(s);
    Duration total = Duration.ZERO;
    int position = 0;
    int smallestUnitSoFar = -1;
    while (position < s.length() && m.find(position) && m.start() == position) {
      int unit = unitIndex(m.group(2));
      if (unit <= smallestUnitSoFar) {
        throw invalid(s);
      }
      smallestUnitSoFar = unit;
      total = plus(total, times(UNITS.get(unit).length(), m.group(1), s), s);
      position = m.end();
    }
    if (position == 0 || position != s.length()) {
      throw invalid(s);
    }
    return total;
  }

  /**
   * The sum, kept within what {@link Duration#toMillis} can return: every user of a duration
   * (timeouts, backoff, {@link #format}) works in milliseconds and would overflow past it.
   */
  private static Duration plus(Duration total, Duration part, String whole) {
    try {
      Duration sum = total.plus(part);
      sum.toMillis();
      return sum;
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("duration '" + whole + "' is too large");
    }
  }

  private static Duration times(Duration unit, String count, String whole) {
    try {
      return unit.multipliedBy(Long.parseLong(count));
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException("duration '" + whole + "' is too large");
    }
  }

  private static int unitIndex(String symbol) {
    for (int i = 0; i < UNITS.size(); i++) {
      if (UNITS.get(i).symbol().equals(symbol)) {
        return i;
      }
    }
    throw new IllegalStateException("no unit " + symbol);
  }

  private static IllegalArgumentException invalid(String s) {
    return new IllegalArgumentException("invalid duration '" + s + "'; " + EXAMPLES);
  }

  /**
   * The shortest form {@link #parse} reads back: {@code 1h30m}, {@code 500ms}, {@code 0s}. Less
   * than a millisecond is dropped.
   */
  public static String format(Duration duration) {
    if (duration.isNegative()) {
      return "-" + format(duration.negated());
    }
    StringBuilder out = new StringBuilder();
    long millisLeft = duration.toMillis();
    for (Unit unit : UNITS) {
      long count = millisLeft / unit.length().toMillis();
      if (count > 0) {
        out.append(count).append(unit.symbol());
        millisLeft -= count * unit.length().toMillis();
      }
    }
    return out.length() == 0 ? "0s" : out.toString();
  }
}
