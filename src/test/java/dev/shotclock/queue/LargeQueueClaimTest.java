package dev.shotclock.queue;

import dev.shotclock.testsupport.StoreFixture;
import dev.shotclock.testsupport.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A claim with a million pending tasks (and a history of finished ones) reads an index in rank
 * order and stops at its limit. Asserts the plan, not a timing; the tasks are loaded once per
 * class. Run with {@code mvn test -Dgroups=slow -Dexcluded.groups=cluster}.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LargeQueueClaimTest {

  static final int PENDING = 1_000_000;
  static final int FINISHED = 200_000;
  /** Every thousandth pending task is of this source; the rest are espn. */
  static final String RARE_SOURCE = "hoopr";
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  final MutableClock clock = new MutableClock(NOW);
  StoreFixture db;
  TaskQueue queue;

  abstract StoreFixture openDatabase(Path dir, MutableClock clock);

  /** Inserts {@link #PENDING} PENDING and {@link #FINISHED} SUCCEEDED tasks, a statement each. */
  abstract void bulkLoad();

  /** The store's plan of the claim's locating query, any source or one source. */
  abstract String plan(boolean bySource);

  abstract void assertUsesClaimIndex(String plan, boolean bySource);

  @BeforeAll
  void load(@TempDir Path dir) {
    db = openDatabase(dir, clock);
    queue = new TaskQueue(db.jdbc(), clock, QueueSettings.defaults());
    long began = System.nanoTime();
    bulkLoad();
    System.out.printf("%s: loaded %d pending and %d finished tasks in %d ms%n",
        getClass().getSimpleName(), PENDING, FINISHED, (System.nanoTime() - began) / 1_000_000);
  }

  @AfterAll
  void close() throws Exception {
    if (db != null) {
      db.close();
    }
  }

  @Test
  void a_claim_of_any_source_reads_the_claim_index_in_order() {
    String plan = plan(false);
    System.out.println(plan);
    assertUsesClaimIndex(plan, false);

    List<Long> expected = db.jdbc().query("SELECT id FROM sc_tasks WHERE state = 'PENDING'"
        + " ORDER BY rank_at, id LIMIT 10", a -> { }, r -> r.longValue("id"));
    List<Task> claimed = queue.claim(10, "node-a", null);
    for (int i = 0; i < 3; i++) {
      long began = System.nanoTime();
      queue.claim(10, "node-b", null);
      System.out.printf("%s: a further claim of 10 took %d µs%n", getClass().getSimpleName(),
          (System.nanoTime() - began) / 1000);
    }

    assertThat(claimed).extracting(Task::id).containsExactlyElementsOf(expected);
  }

  @Test
  void a_claim_of_a_rare_source_reads_the_source_index_in_order() {
    String plan = plan(true);
    System.out.println(plan);
    assertUsesClaimIndex(plan, true);

    List<Task> claimed = queue.claimBySource(5, "node-a", Map.of(RARE_SOURCE, 5));

    assertThat(claimed).hasSize(5).allMatch(t -> t.source().equals(RARE_SOURCE));
  }

  static String joinLines(List<String> lines) {
    return lines.stream().collect(Collectors.joining("\n"));
  }
}
