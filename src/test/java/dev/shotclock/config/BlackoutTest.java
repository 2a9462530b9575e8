package dev.shotclock.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlackoutTest {

  private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

  @TempDir Path tmp;

  private static Instant chicago(String localDateTime) {
    return java.time.LocalDateTime.parse(localDateTime).atZone(CHICAGO).toInstant();
  }

  @Test
  void a_sunday_maintenance_window_covers_its_wall_clock_hours_only() {
    BlackoutWindow w = new BlackoutWindow("maintenance", Set.of(DayOfWeek.SUNDAY), Set.of(),
        LocalTime.of(2, 0), LocalTime.of(4, 0), CHICAGO);

    assertThat(w.covers(chicago("2026-11-29T01:59:59"))).isFalse();
    assertThat(w.covers(chicago("2026-11-29T02:00:00"))).isTrue();
    assertThat(w.covers(chicago("2026-11-29T03:59:59"))).isTrue();
    assertThat(w.covers(chicago("2026-11-29T04:00:00"))).as("the end is exclusive").isFalse();
    assertThat(w.covers(chicago("2026-11-28T03:00:00"))).as("a Saturday").isFalse();
    // 2027-03-14 is the spring-forward Sunday: 03:00 local still exists and is covered.
    assertThat(w.covers(chicago("2027-03-14T03:30:00"))).isTrue();
    assertThat(w.describe()).isEqualTo("blackout 'maintenance' (Sun 02:00-04:00 America/Chicago)");
  }

  @Test
  void a_window_that_crosses_midnight_belongs_to_the_day_it_starts_on() {
    BlackoutWindow w = new BlackoutWindow(null, Set.of(DayOfWeek.SATURDAY), Set.of(),
        LocalTime.of(22, 0), LocalTime.of(2, 0), CHICAGO);

    assertThat(w.covers(chicago("2026-11-28T23:00:00"))).isTrue();
    assertThat(w.covers(chicago("2026-11-29T01:00:00"))).as("Sunday 01:00, from Saturday's window").isTrue();
    assertThat(w.covers(chicago("2026-11-29T23:00:00"))).as("Sunday's own evening").isFalse();
    assertThat(w.covers(chicago("2026-11-28T01:00:00"))).as("Friday's night is not covered").isFalse();
  }

  @Test
  void an_off_season_covers_whole_months() {
    BlackoutWindow w = new BlackoutWindow("off-season", Set.of(), Set.of(Month.JULY, Month.AUGUST), null, null, CHICAGO);

    assertThat(w.covers(chicago("2026-07-01T00:00:00"))).isTrue();
    assertThat(w.covers(chicago("2026-08-31T23:59:00"))).isTrue();
    assertThat(w.covers(chicago("2026-09-01T00:00:00"))).isFalse();
    assertThat(w.describe()).isEqualTo("blackout 'off-season' (Jul,Aug all day America/Chicago)");
  }

  @Test
  void blackouts_bind_from_workflows_and_the_scheduler_with_every_mistake_reported() {
    ConfigDir dir = new ConfigDir(tmp)
        .settings("""
            scheduler:
              time_zone: America/Chicago
              blackouts:
                - { name: off-season, months: [jul, aug, sep] }
            """)
        .workflow("w.yaml", """
            id: w
            blackouts:
              - { days: [sun], from: "02:00", to: "04:00" }
              - { days: [sunday], from: "25:00", to: "04:00" }
              - { from: "02:00" }
              - { name: nothing }
              - { days: [mon], from: "03:00", to: "03:00", timezone: Mars/Olympus }
            steps: [{id: s, run: [x]}]
            """);

    assertThat(dir.problems()).containsExactly(
        "conf/workflows/w.yaml:4 blackouts[1].days[0]: 'sunday' is not one of mon, tue, wed, thu, fri, sat, sun",
        "conf/workflows/w.yaml:4 blackouts[1].from: must be a time HH:MM (00:00 to 23:59), got '25:00'",
        "conf/workflows/w.yaml:5 blackouts[2].from: 'from' and 'to' go together (a daily window); leave both"
            + " out for whole days",
        "conf/workflows/w.yaml:6 blackouts[3]: a blackout needs 'days', 'months' or 'from'/'to'; without them"
            + " it would cover all time",
        "conf/workflows/w.yaml:7 blackouts[4].timezone: unknown time zone 'Mars/Olympus'",
        "conf/workflows/w.yaml:7 blackouts[4].to: must differ from 'from' (an empty window), got '03:00'");
  }

  @Test
  void valid_blackouts_bind_in_the_default_time_zone() {
    ShotClockConfig config = new ConfigDir(tmp)
        .settings("""
            scheduler:
              time_zone: America/Chicago
              blackouts:
                - { name: off-season, months: [jul, aug, sep] }
            """)
        .workflow("w.yaml", """
            id: w
            blackouts:
              - { days: [sun], from: "02:00", to: "04:00", timezone: UTC }
            steps: [{id: s, run: [x]}]
            """).load();

    assertThat(config.daemon().scheduler().blackouts()).containsExactly(new BlackoutWindow("off-season",
        Set.of(), Set.of(Month.JULY, Month.AUGUST, Month.SEPTEMBER), null, null, CHICAGO));
    assertThat(config.workflows().get(0).blackouts()).containsExactly(new BlackoutWindow(null,
        Set.of(DayOfWeek.SUNDAY), Set.of(), LocalTime.of(2, 0), LocalTime.of(4, 0), ZoneId.of("UTC")));
  }
}
