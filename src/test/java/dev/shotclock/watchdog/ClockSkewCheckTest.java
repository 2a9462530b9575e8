package dev.shotclock.watchdog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shotclock.history.NodeRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The verdict on the nodes' clocks: each against the store, and against each other. */
class ClockSkewCheckTest {

  private static final Duration MAX = Duration.ofSeconds(1);
  private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

  private static NodeRepository.Node node(String id, long skewMs) {
    return new NodeRepository.Node(id, id + "-instance", "0.1.0", NOW, NOW, skewMs, true);
  }

  @Test
  void clocks_within_the_limit_are_up_and_the_detail_names_each_node() {
    CheckResult r = ClockSkewCheck.judge(List.of(node("a", 120), node("b", -300)), MAX);

    assertThat(r.health()).isEqualTo(Health.UP);
    assertThat(r.detail()).contains("within 420 ms").contains("a +120 ms").contains("b -300 ms");
  }

  @Test
  void one_node_off_the_stores_clock_by_more_than_the_limit_is_degraded_and_named() {
    CheckResult r = ClockSkewCheck.judge(List.of(node("a", 10), node("b", 1_500)), MAX);

    assertThat(r.health()).isEqualTo(Health.DEGRADED);
    assertThat(r.detail()).contains("above max_clock_skew 1000 ms").contains("fix time sync (NTP) on b");
  }

  @Test
  void two_nodes_apart_by_more_than_the_limit_are_degraded_although_each_is_within_it() {
    CheckResult r = ClockSkewCheck.judge(List.of(node("a", 700), node("b", -700)), MAX);

    assertThat(r.health()).isEqualTo(Health.DEGRADED);
    assertThat(r.detail()).contains("spread 1400 ms");
  }

  @Test
  void nothing_measured_yet_is_up() {
    assertThat(ClockSkewCheck.judge(List.of(), MAX).health()).isEqualTo(Health.UP);
  }
}
