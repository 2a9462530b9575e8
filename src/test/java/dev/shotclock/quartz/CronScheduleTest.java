package dev.shotclock.quartz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CronScheduleTest {

  @Test
  void unix_cron_gets_a_seconds_field_and_a_question_mark_for_the_unused_day_field() {
    assertThat(CronSchedule.toQuartz("0 3 * * *")).isEqualTo("0 0 3 * * ?");
    assertThat(CronSchedule.toQuartz("*/15 * * * *")).isEqualTo("0 */15 * * * ?");
    assertThat(CronSchedule.toQuartz("0 2 1 * *")).isEqualTo("0 0 2 1 * ?");
  }

  @Test
  void unix_day_of_week_numbers_become_quartz_day_names_with_sunday_as_0_or_7() {
    assertThat(CronSchedule.toQuartz("0 4 * * 0")).isEqualTo("0 0 4 ? * SUN");
    assertThat(CronSchedule.toQuartz("0 4 * * 7")).isEqualTo("0 0 4 ? * SUN");
    assertThat(CronSchedule.toQuartz("0 4 * * 1-5")).isEqualTo("0 0 4 ? * MON,TUE,WED,THU,FRI");
    assertThat(CronSchedule.toQuartz("0 4 * * 5-7")).isEqualTo("0 0 4 ? * SUN,FRI,SAT");
    assertThat(CronSchedule.toQuartz("0 4 * * */2")).isEqualTo("0 0 4 ? * SUN,TUE,THU,SAT");
    assertThat(CronSchedule.toQuartz("0 4 * * mon,wed")).isEqualTo("0 0 4 ? * MON,WED");
  }

  @Test
  void macros_expand_to_their_unix_meaning() {
    assertThat(CronSchedule.toQuartz("@daily")).isEqualTo("0 0 0 * * ?");
    assertThat(CronSchedule.toQuartz("@hourly")).isEqualTo("0 0 * * * ?");
    assertThat(CronSchedule.toQuartz("@weekly")).isEqualTo("0 0 0 ? * SUN");
  }

  @Test
  void quartz_cron_with_seconds_passes_through_unchanged() {
    assertThat(CronSchedule.toQuartz("0/30 * * * * ?")).isEqualTo("0/30 * * * * ?");
    assertThat(CronSchedule.toQuartz("0 15 10 ? * 6L 2030")).isEqualTo("0 15 10 ? * 6L 2030");
  }

  @Test
  void restricting_both_day_fields_is_refused_with_the_reason() {
    assertThatThrownBy(() -> CronSchedule.toQuartz("0 3 1 * 1"))
        .hasMessageContaining("both day-of-month").hasMessageContaining("two triggers");
  }

  @Test
  void bad_expressions_are_explained() {
    assertThatThrownBy(() -> CronSchedule.toQuartz("0 3 * *")).hasMessageContaining("has 4 fields");
    assertThatThrownBy(() -> CronSchedule.toQuartz("61 3 * * *")).hasMessageContaining("Quartz cron");
    assertThatThrownBy(() -> CronSchedule.toQuartz("0 3 * * 9")).hasMessageContaining("0-7");
    assertThatThrownBy(() -> CronSchedule.toQuartz("@fortnightly")).hasMessageContaining("unknown macro");
  }

  @Test
  void quartz_cron_reports_problems_for_the_config_loader() {
    QuartzCron cron = new QuartzCron();
    assertThat(cron.problem("0 3 * * *")).isEmpty();
    assertThat(cron.problem("0 25 * * *")).isPresent();
  }
}
