package dev.shotclock.quartz;

import java.text.ParseException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Date;
import java.util.TimeZone;
import org.quartz.CronExpression;

/**
 * Quartz's cron evaluation skips local times that do not exist on a spring-forward day: a 02:30
 * job in America/Chicago does not fire at all that day. We fire such a slot when the clock would
 * have shown it had it not jumped, which is how {@link java.time.ZonedDateTime} resolves a gap
 * (02:30 becomes 03:30 daylight time), so the job still runs exactly once that day.
 */
final class DstGaps {

  private DstGaps() {}

  /** The next fire time after {@code after}, counting slots in DST gaps. */
  static Date nextFireTime(CronExpression expr, TimeZone zone, Date after) {
    Date regular = expr.getTimeAfter(after);
    Date gap = nextGapSlot(expr.getCronExpression(), zone, after, regular);
    if (gap != null && (regular == null || gap.before(regular))) {
      return gap;
    }
    return regular;
  }

  /** The first slot inside a DST gap between {@code after} and {@code limit} (or a year on). */
  private static Date nextGapSlot(String cron, TimeZone zone, Date after, Date limit) {
    ZoneRules rules = zone.toZoneId().getRules();
    Instant end = limit != null ? limit.toInstant() : after.toInstant().plusSeconds(366L * 86_400);
    ZoneOffsetTransition t = rules.nextTransition(after.toInstant().minusSeconds(7200));
    while (t != null && t.getInstant().isBefore(end)) {
      if (t.isGap()) {
        Date slot = slotInGap(cron, t, after);
        if (slot != null) {
          return slot;
        }
      }
      t = rules.nextTransition(t.getInstant());
    }
    return null;
  }

  /**
   * Evaluates the cron in the offset in force before the jump: a local time inside the gap then
   * maps to the instant the clock would have shown it.
   */
  private static Date slotInGap(String cron, ZoneOffsetTransition t, Date after) {
    try {
      CronExpression fixed = new CronExpression(cron);
      fixed.setTimeZone(TimeZone.getTimeZone(ZoneId.of(t.getOffsetBefore().getId())));
      Instant gapStart = t.getDateTimeBefore().toInstant(t.getOffsetBefore());
      Instant gapEnd = t.getDateTimeAfter().toInstant(t.getOffsetBefore());
      Instant from = gapStart.minusMillis(1).isAfter(after.toInstant())
          ? gapStart.minusMillis(1) : after.toInstant();
      Date candidate = fixed.getTimeAfter(Date.from(from));
      if (candidate != null && candidate.toInstant().isBefore(gapEnd)) {
        return candidate;
      }
      return null;
    } catch (ParseException e) {
      throw new IllegalStateException("cron expression was valid when loaded: " + cron, e);
    }
  }
}
