package dev.shotclock.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shotclock.history.NewRun;
import dev.shotclock.history.RunRepository;
import dev.shotclock.history.RunState;
import dev.shotclock.history.TriggerKind;
import dev.shotclock.testsupport.MutableClock;
import dev.shotclock.testsupport.StoreFixture;
import dev.shotclock.testsupport.TestStores;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cluster-wide named locks: a lock excludes every other run attempt for as long as its holder's
 * attempt is RUNNING, and passes on as soon as that attempt ended or was taken over, so that a
 * dead node's locks follow its runs to the node that re-runs them.
 */
abstract class StoreLocksContract {

  @TempDir Path dir;
  final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
  private StoreFixture store;
  private RunRepository runs;
  private StoreLocks locks;

  abstract TestStores.Kind kind();

  @BeforeEach
  void open() {
    store = StoreFixture.migrated(kind(), dir, clock);
    runs = new RunRepository(store.jdbc());
    locks = new StoreLocks(store.jdbc(), clock);
  }

  @AfterEach
  void close() {
    store.close();
  }

  /** A run RUNNING on {@code node}; returns its owner for {@code step}. */
  private StoreLocks.Owner running(String workflow, String node, String step) {
    long id = runs.insert(new NewRun(workflow, workflow + "-slot", clock.instant(), TriggerKind.MANUAL,
        RunState.SCHEDULED, null, false, null, Map.of(), "c-" + workflow, null), clock.instant());
    int attempt = runs.start(id, Set.of(RunState.SCHEDULED), node, null, clock.instant()).orElseThrow().attempt();
    return new StoreLocks.Owner(node, id, attempt, step);
  }

  @Test
  void a_held_lock_excludes_other_runs_until_it_is_released() {
    StoreLocks.Owner a = running("wf-a", "node-a", "fetch");
    StoreLocks.Owner b = running("wf-b", "node-b", "fetch");

    assertThat(locks.tryTake("source:espn", a)).isTrue();
    assertThat(locks.tryTake("source:espn", b)).isFalse();
    assertThat(locks.tryTake("source:nba", b)).isTrue();
    assertThat(locks.held()).containsExactly("source:espn (run " + a.runId() + " on node-a)",
        "source:nba (run " + b.runId() + " on node-b)");

    locks.release("source:espn", b); // not b's: nothing happens
    assertThat(locks.tryTake("source:espn", b)).isFalse();
    locks.release("source:espn", a);
    assertThat(locks.tryTake("source:espn", b)).isTrue();
  }

  @Test
  void the_lock_of_a_run_that_ended_without_releasing_it_is_taken_over() {
    StoreLocks.Owner a = running("wf-a", "node-a", "fetch");
    StoreLocks.Owner b = running("wf-b", "node-b", "fetch");
    assertThat(locks.tryTake("source:espn", a)).isTrue();

    runs.finish(a.runId(), a.attempt(), RunState.SUCCEEDED, null, clock.instant());

    assertThat(locks.tryTake("source:espn", b)).isTrue();
    assertThat(locks.held()).containsExactly("source:espn (run " + b.runId() + " on node-b)");
  }

  @Test
  void a_dead_nodes_lock_passes_to_the_attempt_that_took_its_run_over() {
    StoreLocks.Owner onA = running("wf-a", "node-a", "fetch");
    assertThat(locks.tryTake("source:espn", onA)).isTrue();

    // node-a died; node-b's recovery re-runs the run as the next attempt
    int next = runs.start(onA.runId(), Set.of(RunState.RUNNING), "node-b", null, clock.instant()).orElseThrow().attempt();
    StoreLocks.Owner onB = new StoreLocks.Owner("node-b", onA.runId(), next, "fetch");

    assertThat(locks.tryTake("source:espn", onB)).isTrue();
    locks.release("source:espn", onA); // the late release of the old attempt must not free it
    StoreLocks.Owner other = running("wf-c", "node-c", "fetch");
    assertThat(locks.tryTake("source:espn", other)).isFalse();
  }
}
