package dev.shotclock.quartz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shotclock.config.TriggerDef;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.quartz.spi.OperableTrigger;

/**
 * Next fire times across the two DST transitions of 2026 in America/Chicago (spring forward on
 * March 8 at 02:00 -> 03:00, fall back on November 1 at 02:00 -> 01:00).
 */
class DstTest {

  private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
  private final QuartzCron cron = new QuartzCron();

  private static TriggerDef daily(String cron) {
    return new TriggerDef(cron, CHICAGO, Duration.ZERO);
  }

  private List<Instant> firesOn(TriggerDef t, LocalDate day) {
    Instant start = day.atStartOfDay(CHICAGO).toInstant();
    Instant end = day.plusDays(1).atStartOfDay(CHICAGO).toInstant();
    return cron.between(t, start.minusMillis(1), end.minusMillis(1), 100);
  }

  @Test
  void a_0230_job_fires_exactly_once_on_the_spring_forward_day_at_0330_daylight_time() {
    List<Instant> fires = firesOn(daily("30 2 * * *"), LocalDate.of(2026, 3, 8));
    assertThat(fires).containsExactly(
        ZonedDateTime.of(2026, 3, 8, 3, 30, 0, 0, CHICAGO).toInstant());
  }

  @Test
  void a_0230_job_fires_exactly_once_on_the_fall_back_day() {
    List<Instant> fires = firesOn(daily("30 2 * * *"), LocalDate.of(2026, 11, 1));
    assertThat(fires).containsExactly(
        ZonedDateTime.of(2026, 11, 1, 2, 30, 0, 0, CHICAGO).toInstant());
  }

  @Test
  void a_0200_job_fires_exactly_once_on_both_transition_days() {
    assertThat(firesOn(daily("0 2 * * *"), LocalDate.of(2026, 3, 8))).hasSize(1);
    assertThat(firesOn(daily("0 2 * * *"), LocalDate.of(2026, 11, 1))).hasSize(1);
  }

  @Test
  void the_days_around_the_transitions_are_unaffected() {
    for (LocalDate day : List.of(LocalDate.of(2026, 3, 7), LocalDate.of(2026, 3, 9),
        LocalDate.of(2026, 10, 31), LocalDate.of(2026, 11, 2))) {
      assertThat(firesOn(daily("30 2 * * *"), day)).containsExactly(
          ZonedDateTime.of(day.atTime(2, 30), CHICAGO).toInstant());
    }
  }

  @Test
  void a_half_hourly_job_fires_once_per_existing_half_hour_on_the_23_hour_day() {
    List<Instant> fires = firesOn(daily("*/30 * * * *"), LocalDate.of(2026, 3, 8));
    assertThat(fires).hasSize(46).doesNotHaveDuplicates().isSorted();
  }

  @Test
  void the_stored_trigger_computes_the_same_fire_times_as_slot_accounting() {
    TriggerDef t = daily("30 2 * * *");
    OperableTrigger trigger = (OperableTrigger) JobSync.cronTrigger("wf", 0, t,
        Instant.parse("2026-03-01T00:00:00Z"));
    Date next = trigger.computeFirstFireTime(null);
    Instant from = Instant.parse("2026-03-01T00:00:00Z");
    List<Instant> expected = cron.between(t, from, from.plus(Duration.ofDays(14)), 100);
    for (Instant e : expected) {
      assertThat(next.toInstant()).isEqualTo(e);
      next = trigger.getFireTimeAfter(next);
    }
    assertThat(((DstSafeCronTrigger) trigger).getTimeZone()).isEqualTo(TimeZone.getTimeZone(CHICAGO));
  }

  @Test
  void next_ten_fire_times_of_the_nightly_jobs_match_a_reference_list() {
    TriggerDef overnight = daily("0 3 * * *");
    Instant from = ZonedDateTime.of(2026, 3, 4, 12, 0, 0, 0, CHICAGO).toInstant();
    List<Instant> fires = cron.between(overnight, from, from.plus(Duration.ofDays(30)), 10);
    assertThat(fires).hasSize(10);
    for (int i = 0; i < 10; i++) {
      assertThat(fires.get(i)).isEqualTo(
          ZonedDateTime.of(2026, 3, 5 + i, 3, 0, 0, 0, CHICAGO).toInstant());
    }
  }
}
