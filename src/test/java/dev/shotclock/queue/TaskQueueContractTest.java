package dev.shotclock.queue;

import dev.shotclock.testsupport.StoreFixture;
import dev.shotclock.testsupport.MutableClock;

import static dev.shotclock.queue.Priority.BACKGROUND;
import static dev.shotclock.queue.Priority.CRITICAL;
import static dev.shotclock.queue.Priority.HIGH;
import static dev.shotclock.queue.Priority.LOW;
import static dev.shotclock.queue.Priority.NORMAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.shotclock.db.DbException;
import dev.shotclock.queue.EnqueueResult.Outcome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The task queue's contract; each store runs it through a subclass. */
abstract class TaskQueueContractTest {

  static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
  static final Duration AGING = QueueSettings.DEFAULT_AGING_INTERVAL;

  @TempDir Path tempDir;
  final MutableClock clock = new MutableClock(T0);
  StoreFixture db;
  TaskQueue queue;

  abstract StoreFixture openDatabase(Path dir, MutableClock clock);

  @BeforeEach
  void openQueue() {
    db = openDatabase(tempDir, clock);
    queue = queueWith(QueueSettings.defaults());
  }

  @AfterEach
  void closeDatabase() throws Exception {
    if (db != null) {
      db.close();
    }
  }

  TaskQueue queueWith(QueueSettings settings) {
    return new TaskQueue(db.jdbc(), clock, settings);
  }

  static NewTask task(String source, String key, Priority priority) {
    return NewTask.of(source, key).withPriority(priority);
  }

  Task enqueued(String source, String key, Priority priority) {
    EnqueueResult r = queue.enqueue(task(source, key, priority));
    assertThat(r.outcome()).isEqualTo(Outcome.CREATED);
    return r.task();
  }

  Task claimOne() {
    List<Task> claimed = queue.claim(1, "node-a", null);
    assertThat(claimed).hasSize(1);
    return claimed.get(0);
  }

  static List<String> keys(List<Task> tasks) {
    return tasks.stream().map(Task::dedupeKey).collect(Collectors.toList());
  }

  long live() {
    return queue.stats().totalLive();
  }

  // ---- Oldest waiting (the watchdog's CRITICAL-age alarm) ---------------------------------------
  @Test
  void oldest_waiting_is_the_oldest_pending_or_retry_waiting_task_of_the_priority() {
    assertThat(queue.oldestWaiting(Priority.CRITICAL)).isEmpty();
    enqueued("espn", "n1", Priority.NORMAL);
    clock.tick(Duration.ofMinutes(1));
    Task c1 = enqueued("espn", "c1", Priority.CRITICAL);
    clock.tick(Duration.ofMinutes(1));
    enqueued("espn", "c2", Priority.CRITICAL);
    assertThat(queue.oldestWaiting(Priority.CRITICAL)).contains(T0.plus(Duration.ofMinutes(1)));
    assertThat(queue.oldestWaiting(Priority.NORMAL)).contains(T0);
    assertThat(queue.oldestWaiting(Priority.LOW)).isEmpty();

    assertThat(claimOne().id()).isEqualTo(c1.id());
    assertThat(queue.oldestWaiting(Priority.CRITICAL)).as("c1 is running")
        .contains(T0.plus(Duration.ofMinutes(2)));
    assertThat(queue.timedOut(c1.id(), "slow", Duration.ofHours(1)).orElseThrow().state())
        .isEqualTo(TaskState.RETRY_WAIT);
    assertThat(queue.oldestWaiting(Priority.CRITICAL)).as("c1 waits for its retry")
        .contains(T0.plus(Duration.ofMinutes(1)));
  }

  // ---- Enqueue: dedupe, cooldown, priority raise ------------------------------------------------
  @Test
  void a_new_key_becomes_a_pending_task_ranked_by_its_priority() {
    NewTask request = task("espn", "espn:pbp:401", LOW).withOperation("play_by_play")
        .withParams(Map.of("season", "2025-26", "game_id", "401"))
        .withOrigin(TaskOrigin.RECONCILIATION);

    EnqueueResult result = queue.enqueue(request);

    assertThat(result.outcome()).isEqualTo(Outcome.CREATED);
    Task t = queue.find(result.task().id()).orElseThrow();
    assertThat(t).isEqualTo(result.task());
    assertThat(t.state()).isEqualTo(TaskState.PENDING);
    assertThat(t.source()).isEqualTo("espn");
    assertThat(t.operation()).isEqualTo("play_by_play");
    assertThat(t.params()).isEqualTo(Map.of("season", "2025-26", "game_id", "401"));
    assertThat(t.attempt()).isZero();
    assertThat(t.maxAttempts()).isEqualTo(QueueSettings.DEFAULT_MAX_ATTEMPTS);
    assertThat(t.createdAt()).isEqualTo(T0);
    assertThat(t.notBefore()).isEqualTo(T0);
    assertThat(t.rankAt()).isEqualTo(T0.plus(AGING.multipliedBy(3)));
    assertThat(t.origin()).isEqualTo(TaskOrigin.RECONCILIATION);
    assertThat(t.correlationId()).isNotBlank();
    assertThat(t.claimedBy()).isNull();
  }

  @Test
  void a_live_key_returns_its_task_whether_pending_running_or_waiting_to_retry() {
    Task first = enqueued("espn", "k", NORMAL);
    assertThat(queue.enqueue(task("espn", "k", NORMAL)).task().id()).isEqualTo(first.id());

    claimOne();
    EnqueueResult whileRunning = queue.enqueue(task("espn", "k", LOW));
    assertThat(whileRunning.outcome()).isEqualTo(Outcome.EXISTING);
    assertThat(whileRunning.task().state()).isEqualTo(TaskState.RUNNING);

    queue.fail(first.id(), "boom", 1, true, Duration.ofMinutes(5));
    EnqueueResult whileWaiting = queue.enqueue(task("espn", "k", NORMAL));
    assertThat(whileWaiting.outcome()).isEqualTo(Outcome.EXISTING);
    assertThat(whileWaiting.task().id()).isEqualTo(first.id());
    assertThat(queue.list(TaskFilter.all())).hasSize(1);
  }

  @Test
  void a_higher_priority_raises_the_live_task_and_reranks_it_from_its_creation_time() {
    Task low = enqueued("espn", "k", LOW);
    clock.tick(Duration.ofHours(1));

    EnqueueResult raised = queue.enqueue(task("espn", "k", HIGH));
    EnqueueResult lower = queue.enqueue(task("espn", "k", BACKGROUND));

    assertThat(raised.outcome()).isEqualTo(Outcome.PRIORITY_RAISED);
    assertThat(raised.task().id()).isEqualTo(low.id());
    assertThat(raised.task().priority()).isEqualTo(HIGH);
    assertThat(raised.task().rankAt()).isEqualTo(T0.plus(AGING));
    assertThat(lower.outcome()).isEqualTo(Outcome.EXISTING);
    assertThat(queue.find(low.id()).orElseThrow().priority()).isEqualTo(HIGH);
  }

  @Test
  void repeated_keys_in_one_batch_become_one_task_at_the_highest_priority_asked() {
    List<EnqueueResult> results = queue.enqueueAll(List.of(
        task("espn", "k", LOW), task("espn", "k", HIGH), task("espn", "k", NORMAL)));

    assertThat(results).extracting(EnqueueResult::outcome)
        .containsExactly(Outcome.CREATED, Outcome.PRIORITY_RAISED, Outcome.EXISTING);
    assertThat(results).extracting(r -> r.task().id()).containsOnly(results.get(0).task().id());
    assertThat(queue.list(TaskFilter.all())).singleElement()
        .satisfies(t -> assertThat(t.priority()).isEqualTo(HIGH))
        .satisfies(t -> assertThat(t.rankAt()).isEqualTo(T0.plus(AGING)));
  }

  @Test
  void a_key_that_succeeded_within_the_cooldown_is_not_queued_again_until_it_passes() {
    Task done = enqueued("espn", "k", NORMAL);
    claimOne();
    queue.complete(done.id(), null);
    clock.tick(QueueSettings.DEFAULT_COOLDOWN.minusSeconds(1));

    EnqueueResult cooling = queue.enqueue(task("espn", "k", CRITICAL));
    clock.tick(Duration.ofSeconds(1));
    EnqueueResult after = queue.enqueue(task("espn", "k", CRITICAL));

    assertThat(cooling.outcome()).isEqualTo(Outcome.COOLDOWN);
    assertThat(cooling.task().id()).isEqualTo(done.id());
    assertThat(cooling.task().state()).isEqualTo(TaskState.SUCCEEDED);
    assertThat(after.outcome()).isEqualTo(Outcome.CREATED);
    assertThat(after.task().id()).isNotEqualTo(done.id());
  }

  @Test
  void a_key_whose_task_ended_without_success_is_queued_again_at_once() {
    Task dead = enqueued("espn", "dead", NORMAL);
    Task cancelled = enqueued("espn", "cancelled", NORMAL);
    claimOne();
    queue.fail(dead.id(), "boom", 2, false, null);
    queue.cancel(cancelled.id(), "operator");

    assertThat(queue.enqueueAll(List.of(task("espn", "dead", NORMAL),
        task("espn", "cancelled", NORMAL)))).allMatch(EnqueueResult::created);
  }

  @Test
  void the_database_refuses_a_second_live_task_for_a_key() {
    Task live = enqueued("espn", "k", NORMAL);

    assertThatThrownBy(() -> insertRaw("k", "RETRY_WAIT"))
        .isInstanceOf(DbException.UniqueViolation.class);
    insertRaw("k", "SUCCEEDED");
    insertRaw("k", "DEAD");
    assertThat(queue.find(live.id())).isPresent();
  }

  private void insertRaw(String key, String state) {
    db.jdbc().update("INSERT INTO sc_tasks (dedupe_key, source, params, priority, state,"
            + " max_attempts, not_before, rank_at, created_at, origin, correlation_id)"
            + " VALUES (?, 'espn', '{}', 3, ?, 3, ?, ?, ?, 'API', 'c')",
        a -> a.string(key).string(state).instant(T0).instant(T0).instant(T0));
  }

  @Test
  void concurrent_enqueues_of_the_same_keys_create_one_live_task_per_key() throws Exception {
    List<NewTask> batch = IntStream.range(0, 50)
        .mapToObj(i -> task("espn", "k" + i, NORMAL)).collect(Collectors.toList());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<List<EnqueueResult>>> futures = new ArrayList<>();
    try {
      for (int n = 0; n < 4; n++) {
        List<NewTask> shuffled = new ArrayList<>(batch);
        Collections.shuffle(shuffled, new Random(n));
        futures.add(pool.submit(() -> {
          start.await();
          return queue.enqueueAll(shuffled);
        }));
      }
      start.countDown();
      List<EnqueueResult> all = new ArrayList<>();
      for (Future<List<EnqueueResult>> f : futures) {
        all.addAll(f.get(60, TimeUnit.SECONDS));
      }
      assertThat(all.stream().filter(EnqueueResult::created).map(r -> r.task().dedupeKey()))
          .hasSize(50).doesNotHaveDuplicates();
      assertThat(live()).isEqualTo(50);
    } finally {
      pool.shutdownNow();
    }
  }

  // ---- Caps -------------------------------------------------------------------------------------
  @Test
  void a_batch_past_max_queue_is_refused_whole_and_writes_nothing() {
    queue = queueWith(QueueSettings.defaults().withMaxQueue(5));
    Task low = enqueued("espn", "a", LOW);
    enqueued("espn", "b", NORMAL);
    enqueued("espn", "c", NORMAL);

    assertThatThrownBy(() -> queue.enqueueAll(List.of(task("espn", "a", CRITICAL),
            task("espn", "d", NORMAL), task("espn", "e", NORMAL), task("espn", "f", NORMAL))))
        .isInstanceOfSatisfying(QueueFullException.class, e -> {
          assertThat(e.cap()).isEqualTo("max_queue");
          assertThat(e.limit()).isEqualTo(5);
          assertThat(e.current()).isEqualTo(3);
          assertThat(e.adding()).isEqualTo(3);
        })
        .hasMessageContaining("max_queue").hasMessageContaining("5")
        .hasMessageContaining("3 are live");
    assertThat(keys(queue.list(TaskFilter.all()))).containsExactlyInAnyOrder("a", "b", "c");
    assertThat(queue.find(low.id()).orElseThrow().priority()).isEqualTo(LOW);
  }

  @ParameterizedTest
  @EnumSource(names = {"CRITICAL", "HIGH", "NORMAL", "LOW"})
  void each_priority_has_a_cap_of_live_tasks(Priority priority) {
    int cap = QueueSettings.DEFAULT_PRIORITY_CAPS.get(priority);
    queue.enqueueAll(IntStream.range(0, cap - 1)
        .mapToObj(i -> task("espn", "k" + i, priority)).collect(Collectors.toList()));

    assertThatThrownBy(() -> queue.enqueueAll(List.of(
            task("espn", "last", priority), task("espn", "one-too-many", priority))))
        .isInstanceOfSatisfying(QueueFullException.class, e -> {
          assertThat(e.cap()).isEqualTo(priority.name());
          assertThat(e.limit()).isEqualTo(cap);
          assertThat(e.current()).isEqualTo(cap - 1);
        })
        .hasMessageContaining(priority.name() + " priority cap is " + cap);
    assertThat(live()).isEqualTo(cap - 1);
    assertThat(queue.enqueue(task("espn", "last", priority)).created()).isTrue();
  }

  @Test
  void background_has_no_cap_by_default() {
    List<EnqueueResult> results = queue.enqueueAll(IntStream.range(0, 450)
        .mapToObj(i -> task("espn", "k" + i, BACKGROUND)).collect(Collectors.toList()));

    assertThat(results).allMatch(EnqueueResult::created);
  }

  @Test
  void a_priority_raise_counts_against_the_cap_of_the_new_priority() {
    queue = queueWith(QueueSettings.defaults().withPriorityCap(CRITICAL, 1));
    enqueued("espn", "critical", CRITICAL);
    enqueued("espn", "low", LOW);

    assertThatThrownBy(() -> queue.enqueue(task("espn", "low", CRITICAL)))
        .isInstanceOfSatisfying(QueueFullException.class,
            e -> assertThat(e.cap()).isEqualTo("CRITICAL"));
    assertThat(queue.enqueue(task("espn", "low", HIGH)).outcome())
        .isEqualTo(Outcome.PRIORITY_RAISED);
  }

  @Test
  void a_full_queue_still_answers_for_live_and_cooling_keys() {
    queue = queueWith(QueueSettings.defaults().withMaxQueue(1));
    Task done = enqueued("espn", "done", NORMAL);
    claimOne();
    queue.complete(done.id(), null);
    enqueued("espn", "live", NORMAL);

    assertThat(queue.enqueueAll(List.of(task("espn", "live", NORMAL),
        task("espn", "done", NORMAL)))).extracting(EnqueueResult::outcome)
        .containsExactly(Outcome.EXISTING, Outcome.COOLDOWN);
  }

  // ---- Ordering and aging -----------------------------------------------------------------------
  @Test
  void claims_go_by_priority_then_age_then_first_in_first_out_with_aging() {
    enqueued("espn", "a-low", LOW);               // rank T0+18h
    enqueued("espn", "b-normal", NORMAL);         // T0+12h
    enqueued("espn", "c-critical", CRITICAL);     // T0
    clock.set(T0.plus(Duration.ofHours(1)));
    enqueued("espn", "d-high", HIGH);             // T0+7h
    enqueued("espn", "e-critical", CRITICAL);     // T0+1h
    clock.set(T0.plus(Duration.ofHours(2)));
    enqueued("espn", "f-critical", CRITICAL);     // T0+2h
    enqueued("espn", "g-background", BACKGROUND); // T0+26h
    clock.set(T0.plus(Duration.ofHours(13)));
    enqueued("espn", "h-critical", CRITICAL);     // T0+13h
    enqueued("espn", "i-high", HIGH);             // T0+19h
    clock.set(T0.plus(Duration.ofHours(18)));
    enqueued("espn", "j-critical", CRITICAL);     // T0+18h, ties with a-low: FIFO

    List<Task> order = new ArrayList<>();
    for (List<Task> got = queue.claim(3, "n", null); !got.isEmpty();
        got = queue.claim(3, "n", null)) {
      order.addAll(got);
    }

    assertThat(keys(order)).containsExactly("c-critical", "e-critical", "f-critical", "d-high",
        "b-normal", "h-critical", "a-low", "j-critical", "i-high", "g-background");
  }

  @Test
  void an_old_low_task_outranks_higher_priorities_created_long_enough_after_it() {
    enqueued("espn", "low", LOW);
    clock.set(T0.plus(Duration.ofHours(11)));
    enqueued("espn", "high-11h-later", HIGH);
    clock.set(T0.plus(Duration.ofHours(13)));
    enqueued("espn", "high-13h-later", HIGH);
    clock.set(T0.plus(AGING.multipliedBy(3)));
    enqueued("espn", "critical-3-intervals-later", CRITICAL);

    assertThat(keys(queue.claim(10, "n", null))).containsExactly(
        "high-11h-later", "low", "critical-3-intervals-later", "high-13h-later");
  }

  @Test
  void a_source_weight_shrinks_the_priority_offset_of_its_tasks() {
    queue = queueWith(QueueSettings.defaults().withSourceWeight("espn", 2.0)
        .withSourceWeight("hoopr", 0.5));
    Task espnLow = enqueued("espn", "espn-low", LOW);         // T0 + 3*6h/2 = T0+9h
    enqueued("nba_api", "nba-normal", NORMAL);                 // T0+12h
    Task hooprHigh = enqueued("hoopr", "hoopr-high", HIGH);   // T0 + 6h/0.5 = T0+12h, later id
    enqueued("hoopr", "hoopr-critical", CRITICAL);            // T0: weights do not move level 1

    assertThat(espnLow.rankAt()).isEqualTo(T0.plus(Duration.ofHours(9)));
    assertThat(hooprHigh.rankAt()).isEqualTo(T0.plus(Duration.ofHours(12)));
    assertThat(keys(queue.claim(10, "n", null)))
        .containsExactly("hoopr-critical", "espn-low", "nba-normal", "hoopr-high");
  }

  @Test
  void a_task_is_not_claimed_before_its_not_before() {
    queue.enqueue(task("espn", "later", CRITICAL).withNotBefore(T0.plus(Duration.ofHours(1))));
    enqueued("espn", "now", BACKGROUND);

    assertThat(keys(queue.claim(10, "n", null))).containsExactly("now");
    clock.tick(Duration.ofHours(1));
    assertThat(keys(queue.claim(10, "n", null))).containsExactly("later");
  }

  // ---- Claims -----------------------------------------------------------------------------------
  @Test
  void a_claim_marks_tasks_running_by_the_node_and_counts_the_attempt() {
    Task t = enqueued("espn", "k", NORMAL);
    clock.tick(Duration.ofMinutes(3));

    Task claimed = claimOne();

    assertThat(claimed.id()).isEqualTo(t.id());
    assertThat(claimed.state()).isEqualTo(TaskState.RUNNING);
    assertThat(claimed.attempt()).isEqualTo(1);
    assertThat(claimed.startedAt()).isEqualTo(T0.plus(Duration.ofMinutes(3)));
    assertThat(claimed.claimedBy()).isEqualTo("node-a");
    assertThat(queue.claim(1, "node-b", null)).isEmpty();
  }

  @Test
  void a_claim_takes_only_the_named_sources() {
    enqueued("espn", "e", CRITICAL);
    enqueued("hoopr", "h", LOW);
    enqueued("nba_api", "n", NORMAL);

    assertThat(queue.claim(10, "n", Set.of())).isEmpty();
    assertThat(keys(queue.claim(10, "n", Set.of("hoopr", "nba_api")))).containsExactly("n", "h");
    assertThat(keys(queue.claim(10, "n", null))).containsExactly("e");
  }

  @Test
  void a_claim_by_source_respects_each_sources_free_slots_and_the_total() {
    enqueued("espn", "e1", NORMAL);      // T0+12h
    enqueued("hoopr", "h1", CRITICAL);   // T0
    enqueued("nba_api", "n1", CRITICAL); // T0
    clock.tick(Duration.ofHours(1));
    enqueued("espn", "e2", CRITICAL);    // T0+1h
    enqueued("hoopr", "h2", LOW);        // T0+19h
    enqueued("hoopr", "h3", HIGH);       // T0+7h

    List<Task> first = queue.claimBySource(3, "n", Map.of("espn", 1, "hoopr", 5));
    List<Task> second = queue.claimBySource(5, "n", Map.of("espn", 0, "nba_api", 1));

    assertThat(keys(first)).containsExactly("h1", "e2", "h3");
    assertThat(keys(second)).containsExactly("n1");
    assertThat(queue.list(TaskFilter.all().withState(TaskState.PENDING)))
        .extracting(Task::dedupeKey).containsExactlyInAnyOrder("e1", "h2");
  }

  @Test
  void a_claim_skips_tasks_another_claimer_holds_locked_instead_of_waiting() {
    Task first = enqueued("espn", "a", CRITICAL);
    enqueued("espn", "b", NORMAL);
    enqueued("espn", "c", LOW);

    List<Task> claimedMeanwhile = db.jdbc().inTransaction(tx -> {
      tx.query("SELECT id FROM sc_tasks WHERE id = ? FOR UPDATE", a -> a.longValue(first.id()),
          r -> r.longValue("id"));
      return assertTimeoutPreemptively(Duration.ofSeconds(5),
          () -> queue.claim(2, "node-b", null));
    });

    assertThat(keys(claimedMeanwhile)).containsExactly("b", "c");
    assertThat(keys(queue.claim(5, "node-a", null))).containsExactly("a");
  }

  @Test
  void four_claimers_complete_ten_thousand_tasks_exactly_once() throws Exception {
    int total = 10_000;
    queue = queueWith(QueueSettings.defaults().withMaxQueue(total).withoutPriorityCaps());
    String[] sources = {"espn", "hoopr", "nba_api", "basketball_reference"};
    queue.enqueueAll(IntStream.range(0, total)
        .mapToObj(i -> task(sources[i % 4], "k" + i, Priority.ofLevel(1 + i % 5)))
        .collect(Collectors.toList()));
    Map<Long, AtomicInteger> completions = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    CountDownLatch start = new CountDownLatch(1);
    long began = System.nanoTime();
    try {
      List<Future<Integer>> claimers = new ArrayList<>();
      for (int n = 0; n < 4; n++) {
        String node = "node-" + n;
        claimers.add(pool.submit(() -> {
          start.await();
          int done = 0;
          for (List<Task> got = queue.claim(10, node, null); !got.isEmpty();
              got = queue.claim(10, node, null)) {
            for (Task t : got) {
              completions.computeIfAbsent(t.id(), id -> new AtomicInteger()).incrementAndGet();
              if (queue.complete(t.id(), null)) {
                done++;
              }
            }
          }
          return done;
        }));
      }
      start.countDown();
      int completed = 0;
      for (Future<Integer> f : claimers) {
        completed += f.get(5, TimeUnit.MINUTES);
      }
      System.out.printf("%s: 4 claimers drained %d tasks in %d ms%n", getClass().getName(),
          total, (System.nanoTime() - began) / 1_000_000);

      assertThat(completed).isEqualTo(total);
      assertThat(completions).hasSize(total);
      assertThat(completions.values()).allMatch(n -> n.get() == 1);
      QueueStats stats = queue.stats();
      assertThat(stats.byState().get(TaskState.SUCCEEDED)).isEqualTo(total);
      assertThat(stats.totalLive()).isZero();
    } finally {
      pool.shutdownNow();
    }
  }

  // ---- Attempts: retry, backoff, timeouts, completion -------------------------------------------
  @Test
  void a_retryable_failure_waits_for_its_delay_and_then_runs_again() {
    Task t = enqueued("espn", "k", NORMAL);
    claimOne();

    Task waiting = queue.fail(t.id(), "HTTP 503", 1, true, Duration.ofMinutes(5)).orElseThrow();

    assertThat(waiting.state()).isEqualTo(TaskState.RETRY_WAIT);
    assertThat(waiting.notBefore()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
    assertThat(waiting.lastError()).isEqualTo("HTTP 503");
    assertThat(waiting.exitCode()).isEqualTo(1);
    assertThat(waiting.finishedAt()).isNull();
    assertThat(queue.claim(1, "n", null)).isEmpty();
    clock.tick(Duration.ofMinutes(5));
    assertThat(claimOne().attempt()).isEqualTo(2);
  }

  @Test
  void a_failure_with_no_attempt_left_is_dead_and_keeps_its_last_error() {
    Task t = queue.enqueue(task("espn", "k", NORMAL).withMaxAttempts(2)).task();
    claimOne();
    queue.fail(t.id(), "first", 1, true, Duration.ZERO);
    claimOne();
    clock.tick(Duration.ofMinutes(1));

    Task dead = queue.fail(t.id(), "second", 3, true, Duration.ZERO).orElseThrow();

    assertThat(dead.state()).isEqualTo(TaskState.DEAD);
    assertThat(dead.attempt()).isEqualTo(2);
    assertThat(dead.lastError()).isEqualTo("second");
    assertThat(dead.exitCode()).isEqualTo(3);
    assertThat(dead.finishedAt()).isEqualTo(T0.plus(Duration.ofMinutes(1)));
    assertThat(queue.claim(1, "n", null)).isEmpty();
  }

  @Test
  void a_failure_that_is_not_retryable_is_dead_at_once() {
    Task t = enqueued("espn", "k", NORMAL);
    claimOne();

    assertThat(queue.fail(t.id(), "usage", 2, false, Duration.ZERO).orElseThrow().state())
        .isEqualTo(TaskState.DEAD);
  }

  @Test
  void a_timeout_counts_as_a_failed_attempt_and_the_last_one_ends_timed_out() {
    Task t = queue.enqueue(task("espn", "k", NORMAL).withMaxAttempts(2)).task();
    claimOne();
    Task retrying = queue.timedOut(t.id(), "timed out after 1h", Duration.ofMinutes(1))
        .orElseThrow();
    clock.tick(Duration.ofMinutes(1));
    claimOne();

    Task ended = queue.timedOut(t.id(), null, Duration.ofMinutes(1)).orElseThrow();

    assertThat(retrying.state()).isEqualTo(TaskState.RETRY_WAIT);
    assertThat(retrying.lastError()).isEqualTo("timed out after 1h");
    assertThat(ended.state()).isEqualTo(TaskState.TIMED_OUT);
    assertThat(ended.attempt()).isEqualTo(2);
    assertThat(ended.finishedAt()).isEqualTo(clock.instant());
  }

  @Test
  void the_last_error_is_cut_to_four_kilobytes() {
    Task t = enqueued("espn", "k", NORMAL);
    claimOne();

    String error = "é".repeat(5000);
    Task failed = queue.fail(t.id(), error, 1, true, Duration.ZERO).orElseThrow();

    assertThat(failed.lastError().getBytes(StandardCharsets.UTF_8).length)
        .isLessThanOrEqualTo(4096).isGreaterThan(4000);
    assertThat(failed.lastError()).startsWith("éé").endsWith("[truncated]");
  }

  @Test
  void a_completion_records_success_time_and_run() {
    Task t = enqueued("espn", "k", NORMAL);
    claimOne();
    assertThat(queue.attachRun(t.id(), 41L)).isTrue();
    clock.tick(Duration.ofMinutes(2));

    assertThat(queue.complete(t.id(), null)).isTrue();

    Task done = queue.find(t.id()).orElseThrow();
    assertThat(done.state()).isEqualTo(TaskState.SUCCEEDED);
    assertThat(done.finishedAt()).isEqualTo(T0.plus(Duration.ofMinutes(2)));
    assertThat(done.runId()).isEqualTo(41L);
  }

  @Test
  void outcomes_for_a_task_that_is_no_longer_running_are_ignored() {
    Task t = enqueued("espn", "k", NORMAL);
    claimOne();
    queue.cancel(t.id(), "operator");

    assertThat(queue.complete(t.id(), 7L)).isFalse();
    assertThat(queue.fail(t.id(), "late", 1, true, Duration.ZERO)).isEmpty();
    assertThat(queue.timedOut(t.id(), "late", Duration.ZERO)).isEmpty();
    assertThat(queue.attachRun(t.id(), 7L)).isFalse();
    assertThat(queue.find(t.id()).orElseThrow().state()).isEqualTo(TaskState.CANCELLED);
  }

  // ---- Operator actions: cancel, requeue, crash recovery ----------------------------------------
  @Test
  void cancel_ends_a_waiting_or_running_task_and_frees_its_key() {
    Task pending = enqueued("espn", "p", NORMAL);
    Task running = enqueued("espn", "r", CRITICAL);
    claimOne();

    Task c1 = queue.cancel(pending.id(), "alice").orElseThrow();
    Task c2 = queue.cancel(running.id(), "api").orElseThrow();

    assertThat(c1.state()).isEqualTo(TaskState.CANCELLED);
    assertThat(c1.lastError()).isEqualTo("cancelled by alice");
    assertThat(c2.state()).isEqualTo(TaskState.CANCELLED);
    assertThat(c2.finishedAt()).isEqualTo(T0);
    assertThat(queue.cancel(pending.id(), "again")).isEmpty();
    assertThat(queue.cancel(999_999, "nobody")).isEmpty();
    assertThat(queue.enqueue(task("espn", "p", NORMAL)).created()).isTrue();
  }

  @Test
  void requeue_starts_a_new_attempt_series_for_a_task_that_ended_without_success() {
    Task t = queue.enqueue(task("espn", "k", LOW).withMaxAttempts(1)).task();
    claimOne();
    queue.fail(t.id(), "boom", 1, true, Duration.ZERO);
    clock.tick(Duration.ofHours(1));

    Task requeued = queue.requeue(t.id()).orElseThrow();

    assertThat(requeued.state()).isEqualTo(TaskState.PENDING);
    assertThat(requeued.attempt()).isZero();
    assertThat(requeued.notBefore()).isEqualTo(clock.instant());
    assertThat(requeued.rankAt()).isEqualTo(t.rankAt());
    assertThat(requeued.finishedAt()).isNull();
    assertThat(requeued.claimedBy()).isNull();
    assertThat(requeued.lastError()).isEqualTo("boom");
    assertThat(claimOne().attempt()).isEqualTo(1);
  }

  @Test
  void requeue_leaves_live_and_succeeded_tasks_alone() {
    Task live = enqueued("espn", "live", NORMAL);
    Task done = enqueued("espn", "done", CRITICAL);
    claimOne();
    queue.complete(done.id(), null);

    assertThat(queue.requeue(live.id())).isEmpty();
    assertThat(queue.requeue(done.id())).isEmpty();
    assertThat(queue.requeue(999_999)).isEmpty();
  }

  @Test
  void requeue_refuses_a_task_whose_key_has_another_live_task() {
    Task old = enqueued("espn", "k", NORMAL);
    queue.cancel(old.id(), "alice");
    Task fresh = enqueued("espn", "k", NORMAL);

    assertThatThrownBy(() -> queue.requeue(old.id()))
        .isInstanceOfSatisfying(LiveTaskExistsException.class,
            e -> assertThat(e.liveTaskId()).isEqualTo(fresh.id()))
        .hasMessageContaining(String.valueOf(fresh.id()));
  }

  @Test
  void requeue_respects_the_caps() {
    queue = queueWith(QueueSettings.defaults().withMaxQueue(1));
    Task old = enqueued("espn", "old", NORMAL);
    queue.cancel(old.id(), "alice");
    enqueued("espn", "other", NORMAL);

    assertThatThrownBy(() -> queue.requeue(old.id())).isInstanceOf(QueueFullException.class);
    assertThat(queue.find(old.id()).orElseThrow().state()).isEqualTo(TaskState.CANCELLED);
  }

  @Test
  void releasing_a_dead_nodes_tasks_retries_them_or_buries_those_out_of_attempts() {
    Task once = queue.enqueue(task("espn", "once", CRITICAL).withMaxAttempts(1)).task();
    Task thrice = enqueued("espn", "thrice", HIGH);
    Task other = enqueued("espn", "other", LOW);
    queue.claim(2, "node-a", null);
    queue.claim(1, "node-b", null);
    clock.tick(Duration.ofMinutes(10));

    List<Task> released = queue.releaseRunning("node-a", "node-a restarted");

    assertThat(released).extracting(Task::id).containsExactly(once.id(), thrice.id());
    Task dead = queue.find(once.id()).orElseThrow();
    assertThat(dead.state()).isEqualTo(TaskState.DEAD);
    assertThat(dead.lastError()).isEqualTo("node-a restarted");
    Task retrying = queue.find(thrice.id()).orElseThrow();
    assertThat(retrying.state()).isEqualTo(TaskState.RETRY_WAIT);
    assertThat(retrying.attempt()).isEqualTo(1);
    assertThat(retrying.notBefore()).isEqualTo(clock.instant());
    assertThat(queue.find(other.id()).orElseThrow().state()).isEqualTo(TaskState.RUNNING);
    assertThat(queue.releaseRunning("node-a", "again")).isEmpty();
    assertThat(claimOne().id()).isEqualTo(thrice.id());
  }

  // ---- Queries and stats ------------------------------------------------------------------------
  @Test
  void stats_count_states_live_priorities_and_sources_and_age_the_oldest_pending_task() {
    Task a = enqueued("espn", "a", CRITICAL);     // rank T0
    enqueued("espn", "b", LOW);                   // T0+18h
    Task c = enqueued("hoopr", "c", NORMAL);      // T0+12h
    enqueued("hoopr", "d", NORMAL);               // T0+12h
    clock.tick(Duration.ofHours(2));
    enqueued("nba_api", "e", BACKGROUND);         // T0+26h
    assertThat(claimOne().id()).isEqualTo(a.id());
    queue.complete(a.id(), null);
    assertThat(claimOne().id()).isEqualTo(c.id());
    queue.fail(c.id(), "usage", 2, false, null);
    claimOne();
    clock.tick(Duration.ofHours(1));

    QueueStats stats = queue.stats();

    assertThat(stats.byState()).containsEntry(TaskState.SUCCEEDED, 1L)
        .containsEntry(TaskState.DEAD, 1L).containsEntry(TaskState.RUNNING, 1L)
        .containsEntry(TaskState.PENDING, 2L).containsEntry(TaskState.RETRY_WAIT, 0L)
        .hasSize(TaskState.values().length);
    assertThat(stats.liveByPriority()).containsEntry(CRITICAL, 0L).containsEntry(HIGH, 0L)
        .containsEntry(NORMAL, 1L).containsEntry(LOW, 1L).containsEntry(BACKGROUND, 1L);
    assertThat(stats.liveBySource())
        .isEqualTo(Map.of("espn", 1L, "hoopr", 1L, "nba_api", 1L));
    assertThat(stats.oldestPendingAge()).contains(Duration.ofHours(3));
    assertThat(stats.totalLive()).isEqualTo(3);
  }

  @Test
  void stats_of_an_empty_queue_are_zero_with_no_pending_age() {
    QueueStats stats = queue.stats();

    assertThat(stats.byState().values()).containsOnly(0L);
    assertThat(stats.oldestPendingAge()).isEmpty();
    assertThat(stats.totalLive()).isZero();
  }

  @Test
  void list_filters_by_state_source_and_priority_newest_first() {
    enqueued("espn", "a", HIGH);
    enqueued("espn", "b", LOW);
    enqueued("hoopr", "c", HIGH);
    enqueued("espn", "d", HIGH);
    Task running = claimOne();

    assertThat(keys(queue.list(TaskFilter.all()))).containsExactly("d", "c", "b", "a");
    assertThat(keys(queue.list(TaskFilter.all().withSource("espn").withPriority(HIGH)
        .withState(TaskState.PENDING)))).containsExactly("d").doesNotContain(running.dedupeKey());
    assertThat(keys(queue.list(TaskFilter.all().withLimit(2)))).containsExactly("d", "c");
    assertThat(queue.find(999_999)).isEmpty();
  }

  // ---- The original gaps.json -------------------------------------------------------------------
  static final String GAPS = """
      {
        "generated_at": "2025-11-01T10:00:00",
        "gaps_file": "inventory/cache/detected_gaps.json",
        "total_tasks": 4,
        "by_priority": {"critical": 1, "high": 1, "medium": 1, "low": 1},
        "by_source": {"espn": 3, "hoopr": 1},
        "estimated_total_minutes": 42.5,
        "tasks": [
          {"id": "task_000001", "priority": "CRITICAL", "gap_type": "datatype_quality",
           "source": "espn", "season": "2025-26", "data_type": "play_by_play",
           "scraper": "espn_async_scraper", "stale_files": 12, "small_files": 0,
           "issues": ["stale"], "estimated_time_minutes": 24, "reason": "stale files",
           "created_at": "2025-11-01T10:00:00", "status": "pending"},
          {"id": "task_000002", "priority": "HIGH", "gap_type": "season_incomplete",
           "source": "espn", "season": "2025-26", "data_type": "play_by_play",
           "scraper": "espn_async_scraper", "missing_files": 300, "completeness_pct": 77.5,
           "estimated_time_minutes": 600, "reason": "missing", "status": "pending"},
          {"id": "task_000003", "priority": "MEDIUM", "gap_type": "season_incomplete",
           "source": "espn", "season": "2024-25", "data_type": "box_scores",
           "missing_files": 5, "estimated_time_minutes": 5, "status": "pending"},
          {"id": "task_000004", "priority": "LOW", "gap_type": "season_incomplete",
           "source": "hoopr", "season": 2019, "data_type": "parquet_files",
           "missing_files": 1, "estimated_time_minutes": 10, "status": "pending"}
        ]
      }
      """;

  @Test
  void importing_the_same_gaps_file_twice_yields_the_same_task_set() throws Exception {
    Path file = Files.writeString(tempDir.resolve("gaps.json"), GAPS);
    GapsImport gaps = new GapsImport(queue);

    List<EnqueueResult> first = gaps.importFile(file);
    List<Task> afterFirst = queue.list(TaskFilter.all());
    clock.tick(Duration.ofMinutes(15));
    List<EnqueueResult> second = gaps.importFile(file);

    assertThat(first).extracting(EnqueueResult::outcome).containsExactly(
        Outcome.CREATED, Outcome.EXISTING, Outcome.CREATED, Outcome.CREATED);
    assertThat(second).extracting(EnqueueResult::outcome).containsOnly(Outcome.EXISTING);
    assertThat(queue.list(TaskFilter.all())).isEqualTo(afterFirst);
    assertThat(afterFirst).extracting(Task::dedupeKey).containsExactlyInAnyOrder(
        "gap:espn:play_by_play:season=2025-26", "gap:espn:box_scores:season=2024-25",
        "gap:hoopr:parquet_files:season=2019");
    Task pbp = first.get(0).task();
    assertThat(pbp.priority()).isEqualTo(CRITICAL);
    assertThat(pbp.origin()).isEqualTo(TaskOrigin.RECONCILIATION);
    assertThat(pbp.operation()).isEqualTo("play_by_play");
    assertThat(pbp.params()).isEqualTo(Map.of("data_type", "play_by_play",
        "season", "2025-26", "gap_type", "datatype_quality", "scraper", "espn_async_scraper"));
    assertThat(first.get(2).task().priority()).isEqualTo(NORMAL);
  }

  @Test
  void a_gaps_file_that_does_not_fit_the_queue_is_imported_not_at_all() throws Exception {
    queue = queueWith(QueueSettings.defaults().withMaxQueue(2));
    Path file = Files.writeString(tempDir.resolve("gaps.json"), GAPS);

    assertThatThrownBy(() -> new GapsImport(queue).importFile(file))
        .isInstanceOf(QueueFullException.class);
    assertThat(live()).isZero();
  }
}
