package dev.shotclock.quartz;

import java.text.ParseException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.quartz.CronExpression;

/**
 * Turns the cron syntax of our config into a Quartz cron expression. Five fields are Unix cron
 * (minute hour day-of-month month day-of-week, Sunday = 0 or 7, plus {@code @daily} and friends);
 * six or seven fields are Quartz cron with seconds (and year), taken as they are.
 */
final class CronSchedule {

  private static final Map<String, String> MACROS = Map.of(
      "@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *", "@monthly", "0 0 1 * *",
      "@weekly", "0 0 * * 0", "@daily", "0 0 * * *", "@midnight", "0 0 * * *",
      "@hourly", "0 * * * *");
  private static final String[] DAY_NAMES = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

  private CronSchedule() {}

  /** The Quartz expression; throws IllegalArgumentException with an operator-readable reason. */
  static String toQuartz(String cron) {
    String trimmed = cron.trim();
    String expanded = MACROS.getOrDefault(trimmed.toLowerCase(Locale.ROOT), trimmed);
    if (expanded.startsWith("@")) {
      throw new IllegalArgumentException("unknown macro '" + trimmed + "'; known: " + new TreeSet<>(MACROS.keySet()));
    }
    String[] f = expanded.split("\\s+");
    String quartz = switch (f.length) {
      case 5 -> fromUnix(f);
      case 6, 7 -> expanded;
      default -> throw new IllegalArgumentException("has " + f.length + " fields; use 5 (Unix:"
          + " minute hour day-of-month month day-of-week) or 6-7 (Quartz, with seconds)");
    };
    try {
      new CronExpression(quartz);
    } catch (ParseException e) {
      throw new IllegalArgumentException(e.getMessage()
          + (f.length == 5 ? " (as Quartz cron: " + quartz + ")" : ""));
    }
    return quartz;
  }

  private static String fromUnix(String[] f) {
    String dom = f[2];
    String dow = f[4];
    boolean domAny = dom.equals("*") || dom.equals("?");
    boolean dowAny = dow.equals("*") || dow.equals("?");
    if (!domAny && !dowAny) {
      throw new IllegalArgumentException("restricts both day-of-month (" + dom + ") and"
          + " day-of-week (" + dow + "); Unix cron runs when either matches, which Quartz cannot"
          + " express: use two triggers, one for each");
    }
    String quartzDom = dowAny ? dom.replace('?', '*') : "?";
    String quartzDow = dowAny ? "?" : daysOfWeek(dow);
    return "0 " + f[0] + " " + f[1] + " " + quartzDom + " " + f[3] + " " + quartzDow;
  }

  /** Unix day-of-week field (0-7, names, ranges, steps, lists) as a Quartz list of day names. */
  static String daysOfWeek(String field) {
    TreeSet<Integer> days = new TreeSet<>();
    for (String part : field.split(",")) {
      addDays(part.toUpperCase(Locale.ROOT), days);
    }
    StringBuilder sb = new StringBuilder();
    for (int d : days) {
      sb.append(sb.length() == 0 ? "" : ",").append(DAY_NAMES[d]);
    }
    return sb.toString();
  }

  private static void addDays(String part, TreeSet<Integer> days) {
    String range = part;
    int step = 1;
    int slash = part.indexOf('/');
    if (slash >= 0) {
      range = part.substring(0, slash);
      step = parseNumber(part.substring(slash + 1), "step");
      if (step < 1) {
        throw new IllegalArgumentException("day-of-week step must be at least 1: " + part);
      }
    }
    int from;
    int to;
    if (range.equals("*")) {
      from = 0;
      to = 6;
    } else if (range.contains("-")) {
      String[] ends = range.split("-", 2);
      from = day(ends[0]);
      to = day(ends[1]);
      if (to == 0 && from > 0) {
        to = 7;
      }
    } else {
      from = day(range);
      to = slash >= 0 ? 6 : from;
    }
    if (from > to) {
      throw new IllegalArgumentException("day-of-week range runs backwards: " + part);
    }
    for (int d = from; d <= to; d += step) {
      days.add(d % 7);
    }
  }

  private static int day(String token) {
    for (int i = 0; i < DAY_NAMES.length; i++) {
      if (DAY_NAMES[i].equals(token)) {
        return i;
      }
    }
    int n = parseNumber(token, "day of week");
    if (n < 0 || n > 7) {
      throw new IllegalArgumentException("day of week must be 0-7 or SUN-SAT: " + token);
    }
    return n == 7 ? 0 : n;
  }

  private static int parseNumber(String s, String what) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad " + what + ": '" + s + "'");
    }
  }
}
