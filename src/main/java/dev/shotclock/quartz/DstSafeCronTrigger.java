package dev.shotclock.quartz;

import java.util.Date;
import org.quartz.CronTrigger;
import org.quartz.ScheduleBuilder;
import org.quartz.impl.triggers.CronTriggerImpl;

/**
 * A Quartz cron trigger that fires slots falling in a DST gap (see {@link DstGaps}) instead of
 * skipping that day. Stored in Quartz's simple-properties table by {@link DstSafeCronPersistence}.
 */
public class DstSafeCronTrigger extends CronTriggerImpl {

  private static final long serialVersionUID = 1L;

  @Override
  protected Date getTimeAfter(Date afterTime) {
    if (getCronExpression() == null) {
      return null;
    }
    return DstGaps.nextFireTime(cronExpression(), getTimeZone(), afterTime);
  }

  private transient org.quartz.CronExpression parsed;
  private transient String parsedKey;

  private org.quartz.CronExpression cronExpression() {
    String key = getCronExpression() + "@" + getTimeZone().getID();
    if (key.equals(parsedKey)) {
      return parsed;
    }
    try {
      org.quartz.CronExpression expr = new org.quartz.CronExpression(getCronExpression());
      expr.setTimeZone(getTimeZone());
      parsed = expr;
      parsedKey = key;
      return expr;
    } catch (java.text.ParseException e) {
      throw new IllegalStateException("stored cron expression no longer parses: " + getCronExpression(), e);
    }
  }

  /** Tells Quartz's plain cron persistence to leave this trigger to ours. */
  @Override
  public boolean hasAdditionalProperties() {
    return true;
  }

  @Override
  public ScheduleBuilder<CronTrigger> getScheduleBuilder() {
    return new DstSafeCronScheduleBuilder(getCronExpression(), getTimeZone(), getMisfireInstruction());
  }
}
