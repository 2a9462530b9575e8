package dev.shotclock.workflow;

import static dev.shotclock.testsupport.Workflows.step;
import static dev.shotclock.testsupport.Workflows.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shotclock.config.TriggerDef;
import dev.shotclock.config.WorkflowDef;
import dev.shotclock.history.RunRecord;
import dev.shotclock.history.RunState;
import dev.shotclock.history.TriggerKind;
import dev.shotclock.testsupport.DaemonFixture;
import dev.shotclock.testsupport.MutableClock;
import dev.shotclock.testsupport.TestStores;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JitterTest {

  @TempDir Path dir;
  DaemonFixture daemon;

  @AfterEach
  void stop() {
    if (daemon != null) {
      daemon.close();
    }
  }

  @Test
  void the_delay_is_within_the_jitter_fixed_per_slot_and_spread_across_slots() {
    Duration jitter = Duration.ofMinutes(30);
    Set<Duration> seen = new HashSet<>();
    for (int day = 1; day <= 50; day++) {
      String slot = Instant.parse("2030-01-01T03:00:00Z").plus(Duration.ofDays(day)).toString();
      Duration d = Admission.jitterDelay("overnight", slot, jitter);
      assertThat(d).isBetween(Duration.ZERO, jitter);
      assertThat(Admission.jitterDelay("overnight", slot, jitter)).isEqualTo(d);
      seen.add(d);
    }
    assertThat(seen).hasSizeGreaterThan(40);
  }

  @Test
  void a_jittered_slot_is_recorded_scheduled_and_launched_at_its_delayed_start() throws Exception {
    WorkflowDef wf = workflow("jittered")
        .trigger(new TriggerDef("0 3 * * *", ZoneId.of("UTC"), Duration.ofMinutes(20)))
        .step(step("s")).build();
    daemon = DaemonFixture.start(dir, TestStores.Kind.H2, MutableClock.at("2030-01-01T00:00:00Z"), wf);
    Instant slot = Instant.parse("2030-01-01T03:00:00Z");
    Admission.Decision d = daemon.daemon().engine().admission().admitSlot(wf, 0, slot, TriggerKind.SCHEDULE);
    assertThat(d.kind()).isEqualTo(Admission.Kind.DELAYED);
    assertThat(d.notBefore()).isBetween(slot, slot.plus(Duration.ofMinutes(20)));
    RunRecord run = daemon.runs().find(d.runId()).orElseThrow();
    assertThat(run.state()).isEqualTo(RunState.SCHEDULED);
    assertThat(run.scheduledAt()).isEqualTo(slot);
    assertThat(run.notBefore()).isEqualTo(d.notBefore());
  }
}
