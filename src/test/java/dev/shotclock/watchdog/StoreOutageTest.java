package dev.shotclock.watchdog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shotclock.testsupport.MutableClock;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoreOutageTest {

  private final MutableClock clock = MutableClock.at("2026-11-25T03:00:00Z");
  private final List<String> actions = new ArrayList<>();
  private boolean storeUp = true;
  private boolean recoveryFails;

  private final StoreOutage outage = new StoreOutage(
      () -> {
        if (!storeUp) {
          throw new IllegalStateException("pool timed out",
              new SQLTransientConnectionException("Connection refused"));
        }
      },
      new StoreOutage.Actions() {
        @Override
        public void suspend() {
          actions.add("suspend");
        }

        @Override
        public void resume(Instant since, Duration down) {
          if (recoveryFails) {
            throw new IllegalStateException("store lock held by another process");
          }
          actions.add("resume after " + down.toSeconds() + "s");
        }
      },
      clock, Duration.ofSeconds(2), Duration.ofSeconds(10));

  @Test
  void a_healthy_store_is_probed_at_the_normal_interval_and_nothing_is_suspended() {
    assertThat(outage.runOnce()).isEqualTo(Duration.ofSeconds(2));
    assertThat(outage.current()).isEmpty();
    assertThat(actions).isEmpty();
  }

  @Test
  void an_outage_suspends_once_backs_off_to_the_cap_and_names_the_cause() {
    storeUp = false;

    List<Duration> waits = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      waits.add(outage.runOnce());
      clock.tick(waits.get(i));
    }

    assertThat(actions).containsExactly("suspend");
    assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
        Duration.ofSeconds(8), Duration.ofSeconds(10), Duration.ofSeconds(10));
    StoreOutage.Outage current = outage.current().orElseThrow();
    assertThat(current.since()).isEqualTo(Instant.parse("2026-11-25T03:00:00Z"));
    assertThat(current.failedProbes()).isEqualTo(6);
    assertThat(current.lastError()).contains("pool timed out").contains("cause: Connection refused");
  }

  @Test
  void the_store_returning_resumes_with_the_outage_length_and_records_the_recovery() {
    storeUp = false;
    outage.runOnce();
    clock.tick(Duration.ofSeconds(60));
    storeUp = true;

    assertThat(outage.runOnce()).isEqualTo(Duration.ofSeconds(2));

    assertThat(actions).containsExactly("suspend", "resume after 60s");
    assertThat(outage.current()).isEmpty();
    assertThat(outage.recoveredAt()).isEqualTo(clock.instant());
  }

  @Test
  void a_recovery_that_fails_stays_degraded_and_is_tried_again() {
    storeUp = false;
    outage.runOnce();
    storeUp = true;
    recoveryFails = true;

    assertThat(outage.runOnce()).isEqualTo(Duration.ofSeconds(10));
    assertThat(outage.current()).get().extracting(StoreOutage.Outage::lastError)
        .asString().contains("recovery failed").contains("store lock");

    recoveryFails = false;
    outage.runOnce();
    assertThat(outage.current()).isEmpty();
    assertThat(actions).containsExactly("suspend", "resume after 0s");
  }
}
