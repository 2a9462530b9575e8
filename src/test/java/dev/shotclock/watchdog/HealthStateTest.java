package dev.shotclock.watchdog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HealthStateTest {

  @Test
  void a_component_goes_down_only_after_n_bad_checks_and_up_after_m_good_ones() {
    HealthState state = new HealthState(2, 3);
    assertThat(state.record("store", CheckResult.down("x"))).isNull();
    assertThat(state.components().get("store").health()).isEqualTo(Health.UP);
    HealthState.Change down = state.record("store", CheckResult.down("unreachable"));
    assertThat(down.to()).isEqualTo(Health.DOWN);
    assertThat(state.components().get("store").detail()).isEqualTo("unreachable");
    assertThat(state.record("store", CheckResult.up("ok"))).isNull();
    assertThat(state.record("store", CheckResult.up("ok"))).isNull();
    assertThat(state.record("store", CheckResult.up("ok")).to()).isEqualTo(Health.UP);
  }

  @Test
  void one_flapping_check_does_not_change_the_reported_health() {
    HealthState state = new HealthState(2, 2);
    for (int i = 0; i < 10; i++) {
      state.record("disk", i % 2 == 0 ? CheckResult.degraded("low") : CheckResult.up("ok"));
    }
    assertThat(state.components().get("disk").health()).isEqualTo(Health.UP);
  }
}
