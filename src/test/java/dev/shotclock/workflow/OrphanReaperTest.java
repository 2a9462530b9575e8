package dev.shotclock.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shotclock.testsupport.Processes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Processes left behind by a "previous daemon", told apart by their environment markers. */
class OrphanReaperTest {

  @TempDir Path dir;
  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void cleanUp() {
    started.forEach(p -> p.descendants().forEach(ProcessHandle::destroyForcibly));
    started.forEach(Process::destroyForcibly);
  }

  /** A detached tree (own session, like a step) with the given markers. */
  private void spawn(Path stateDir, String instance) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("setsid", "sh", "-c", "sleep 1000 & sleep 1000; wait");
    pb.environment().put("SHOTCLOCK_STATE_DIR", stateDir.toString());
    pb.environment().put("SHOTCLOCK_DAEMON_INSTANCE", instance);
    pb.environment().put("SHOTCLOCK_RUN_ID", "42");
    started.add(pb.start());
  }

  private static List<Long> tree(Path stateDir, String instance) {
    return Processes.withEnvironment("SHOTCLOCK_STATE_DIR=" + stateDir, "SHOTCLOCK_DAEMON_INSTANCE=" + instance);
  }

  @Test
  void kills_the_trees_of_a_previous_instance_and_spares_the_current_one_and_other_state_dirs() throws Exception {
    Path mine = dir.resolve("var");
    Path other = dir.resolve("other-var");
    spawn(mine, "old");
    spawn(mine, "current");
    spawn(other, "old");
    await().atMost(Duration.ofSeconds(10)).until(() -> tree(mine, "old").size() >= 3
        && tree(mine, "current").size() >= 3 && tree(other, "old").size() >= 3);

    List<OrphanReaper.Orphan> reaped = new OrphanReaper(Duration.ofSeconds(2)).reap(mine, "current");

    assertThat(reaped).hasSizeGreaterThanOrEqualTo(3).allSatisfy(o -> assertThat(o.runId()).isEqualTo(42L));
    assertThat(tree(mine, "old")).isEmpty();
    assertThat(tree(mine, "current")).hasSizeGreaterThanOrEqualTo(3);
    assertThat(tree(other, "old")).hasSizeGreaterThanOrEqualTo(3);
  }
}
