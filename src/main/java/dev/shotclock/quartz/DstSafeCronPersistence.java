package dev.shotclock.quartz;

import java.util.TimeZone;
import org.quartz.impl.jdbcjobstore.SimplePropertiesTriggerPersistenceDelegateSupport;
import org.quartz.impl.jdbcjobstore.SimplePropertiesTriggerProperties;
import org.quartz.impl.jdbcjobstore.TriggerPersistenceDelegate.TriggerPropertyBundle;
import org.quartz.spi.OperableTrigger;

/**
 * Stores {@link DstSafeCronTrigger}s as rows of {@code QRTZ_SIMPROP_TRIGGERS} (cron in STR_PROP_1,
 * time zone in STR_PROP_2), type {@code SC_CRON}. Registered through the job store's
 * {@code driverDelegateInitString}; Quartz creates it by reflection, hence public.
 */
public final class DstSafeCronPersistence extends SimplePropertiesTriggerPersistenceDelegateSupport {

  static final String TYPE = "SC_CRON";

  @Override
  public String getHandledTriggerTypeDiscriminator() {
    return TYPE;
  }

  @Override
  public boolean canHandleTriggerType(OperableTrigger trigger) {
    return trigger instanceof DstSafeCronTrigger;
  }

  @Override
  protected SimplePropertiesTriggerProperties getTriggerProperties(OperableTrigger trigger) {
    DstSafeCronTrigger cron = (DstSafeCronTrigger) trigger;
    SimplePropertiesTriggerProperties props = new SimplePropertiesTriggerProperties();
    props.setString1(cron.getCronExpression());
    props.setString2(cron.getTimeZone().getID());
    return props;
  }

  @Override
  protected TriggerPropertyBundle getTriggerPropertyBundle(SimplePropertiesTriggerProperties props) {
    // The misfire instruction is restored by Quartz itself from QRTZ_TRIGGERS after build.
    return new TriggerPropertyBundle(
        DstSafeCronScheduleBuilder.doNothingOnMisfire(props.getString1(),
            TimeZone.getTimeZone(props.getString2())),
        null, null);
  }
}
