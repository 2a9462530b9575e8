package dev.shotclock.quartz;

import java.text.ParseException;
import java.util.TimeZone;
import org.quartz.CronTrigger;
import org.quartz.ScheduleBuilder;
import org.quartz.spi.MutableTrigger;

/** Builds {@link DstSafeCronTrigger}s for Quartz's {@code TriggerBuilder}. */
final class DstSafeCronScheduleBuilder extends ScheduleBuilder<CronTrigger> {

  private final String quartzCron;
  private final TimeZone zone;
  private final int misfireInstruction;

  DstSafeCronScheduleBuilder(String quartzCron, TimeZone zone, int misfireInstruction) {
    this.quartzCron = quartzCron;
    this.zone = zone;
    this.misfireInstruction = misfireInstruction;
  }

  /** Slots missed while down are accounted by ShotClock itself, so Quartz just moves on. */
  static DstSafeCronScheduleBuilder doNothingOnMisfire(String quartzCron, TimeZone zone) {
    return new DstSafeCronScheduleBuilder(quartzCron, zone, CronTrigger.MISFIRE_INSTRUCTION_DO_NOTHING);
  }

  @Override
  protected MutableTrigger build() {
    DstSafeCronTrigger t = new DstSafeCronTrigger();
    try {
      t.setCronExpression(quartzCron);
    } catch (ParseException e) {
      throw new IllegalArgumentException("invalid cron expression " + quartzCron, e);
    }
    t.setTimeZone(zone);
    t.setMisfireInstruction(misfireInstruction);
    return t;
  }
}
