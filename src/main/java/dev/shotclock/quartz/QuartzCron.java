package dev.shotclock.quartz;

import dev.shotclock.config.CronSyntax;
import dev.shotclock.config.TriggerDef;
import dev.shotclock.workflow.FireTimes;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import org.quartz.CronExpression;

/**
 * Cron checking for the config loader and fire-time enumeration for slot accounting, with exactly
 * the evaluation the triggers use, so "expected" and "fired" slots always agree.
 */
public final class QuartzCron implements CronSyntax, FireTimes {

  @Override
  public Optional<String> problem(String expression) {
    try {
      CronSchedule.toQuartz(expression);
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
  }

  @Override
  public List<Instant> between(TriggerDef trigger, Instant fromExclusive, Instant toInclusive, int max) {
    CronExpression expr = parse(trigger);
    TimeZone zone = TimeZone.getTimeZone(trigger.timezone());
    List<Instant> out = new ArrayList<>();
    Date next = DstGaps.nextFireTime(expr, zone, Date.from(fromExclusive));
    while (next != null && !next.toInstant().isAfter(toInclusive) && out.size() < max) {
      out.add(next.toInstant());
      next = DstGaps.nextFireTime(expr, zone, next);
    }
    return out;
  }

  @Override
  public Optional<Instant> next(TriggerDef trigger, Instant after) {
    Date next = DstGaps.nextFireTime(parse(trigger), TimeZone.getTimeZone(trigger.timezone()),
        Date.from(after));
    return Optional.ofNullable(next).map(Date::toInstant);
  }

  /** The Quartz expression a trigger's cron is evaluated as, for explanations. */
  public String asQuartz(TriggerDef trigger) {
    return CronSchedule.toQuartz(trigger.cron());
  }

  static CronExpression parse(TriggerDef trigger) {
    try {
      CronExpression expr = new CronExpression(CronSchedule.toQuartz(trigger.cron()));
      expr.setTimeZone(TimeZone.getTimeZone(trigger.timezone()));
      return expr;
    } catch (ParseException e) {
      throw new IllegalArgumentException("invalid cron " + trigger.cron() + ": " + e.getMessage(), e);
    }
  }
}
