package dev.shotclock.config;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Binds a {@code blackouts:} list (in a workflow, or {@code scheduler.blackouts} for all). */
final class BlackoutBinder {

  private static final Pattern TIME = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");

  /** The YAML names of days and months, as in cron. */
  enum Day {
    MON(DayOfWeek.MONDAY), TUE(DayOfWeek.TUESDAY), WED(DayOfWeek.WEDNESDAY), THU(DayOfWeek.THURSDAY),
    FRI(DayOfWeek.FRIDAY), SAT(DayOfWeek.SATURDAY), SUN(DayOfWeek.SUNDAY);

    final DayOfWeek dow;

    Day(DayOfWeek dow) {
      this.dow = dow;
    }
  }

  enum Mon {
    JAN, FEB, MAR, APR, MAY, JUN, JUL, AUG, SEP, OCT, NOV, DEC;

    Month month() {
      return Month.of(ordinal() + 1);
    }
  }

  private BlackoutBinder() {}

  static List<BlackoutWindow> bind(Value v, ZoneId defaultZone) {
    List<BlackoutWindow> windows = new ArrayList<>();
    for (Value item : v.list()) {
      BlackoutWindow w = item.object(m -> window(m, defaultZone));
      if (w != null) {
        windows.add(w);
      }
    }
    return windows;
  }

  private static BlackoutWindow window(YamlMap m, ZoneId defaultZone) {
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    m.get("days").list().forEach(d -> d.choice(Day.class).ifPresent(day -> days.add(day.dow)));
    Set<Month> months = EnumSet.noneOf(Month.class);
    m.get("months").list().forEach(x -> x.choice(Mon.class).ifPresent(mon -> months.add(mon.month())));
    Value fromAt = m.get("from");
    Value toAt = m.get("to");
    LocalTime from = time(fromAt);
    LocalTime to = time(toAt);
    String name = m.get("name").string().orElse(null);
    ZoneId zone = m.get("timezone").zone().orElse(defaultZone);
    if (fromAt.isPresent() != toAt.isPresent()) {
      (fromAt.isPresent() ? fromAt : toAt).problem("'from' and 'to' go together (a daily window);"
          + " leave both out for whole days");
      return null;
    }
    if (from != null && from.equals(to)) {
      toAt.problem("must differ from 'from' (an empty window), got '" + to + "'");
      return null;
    }
    if (days.isEmpty() && months.isEmpty() && !fromAt.isPresent()) {
      m.self().problem("a blackout needs 'days', 'months' or 'from'/'to'; without them it would"
          + " cover all time");
      return null;
    }
    return from == null && fromAt.isPresent() ? null : new BlackoutWindow(name, days, months, from, to, zone);
  }

  private static LocalTime time(Value v) {
    return v.string().filter(v.must(s -> TIME.matcher(s).matches(), "must be a time HH:MM (00:00 to 23:59)"))
        .map(s -> {
          try {
            return LocalTime.parse(s);
          } catch (DateTimeParseException e) {
            return null;
          }
        }).orElse(null);
  }
}
