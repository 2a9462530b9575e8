package dev.shotclock.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class RunStateTest {

  /** Retention and stats sort every row by these sets: a new state must join exactly one. */
  @Test
  void every_run_state_is_exactly_one_of_active_ended_or_not_run() {
    EnumSet<RunState> all = EnumSet.copyOf(RunState.ACTIVE);
    all.addAll(RunState.ENDED);
    all.addAll(RunState.NOT_RUN);
    assertThat(all).containsExactlyInAnyOrder(RunState.values());
    assertThat(RunState.ACTIVE.size() + RunState.ENDED.size() + RunState.NOT_RUN.size())
        .isEqualTo(RunState.values().length);
  }
}
