package dev.shotclock.dispatch;

import static dev.shotclock.testsupport.Workflows.step;
import static dev.shotclock.testsupport.Workflows.workflow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shotclock.config.RateLimit;
import dev.shotclock.config.RetrySpec;
import dev.shotclock.config.SourceDef;
import dev.shotclock.config.SourcesConfig;
import dev.shotclock.config.WorkflowDef;
import dev.shotclock.db.Jdbc;
import dev.shotclock.queue.NewTask;
import dev.shotclock.queue.Task;
import dev.shotclock.queue.TaskFilter;
import dev.shotclock.queue.TaskQueue;
import dev.shotclock.queue.TaskState;
import dev.shotclock.testsupport.DaemonFixture;
import dev.shotclock.testsupport.MutableClock;
import dev.shotclock.testsupport.TestStores;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dispatcher on a real daemon (real runs of real processes), on H2 and PostgreSQL. */
abstract class DispatcherContract {

  @TempDir Path dir;
  DaemonFixture daemon;

  abstract TestStores.Kind kind();

  @AfterEach
  void stop() {
    if (daemon != null) {
      daemon.close();
    }
  }

  static SourcesConfig sources(SourceDef... defs) {
    Map<String, SourceDef> m = new java.util.TreeMap<>();
    for (SourceDef d : defs) {
      m.put(d.name(), d);
    }
    // The periodic pass is made rare: the tests drive the dispatcher with runOnce().
    return new SourcesConfig(Duration.ofHours(1), 100_000, Map.of(), Duration.ofHours(6),
        Duration.ofHours(6), RateLimit.NONE, m, null);
  }

  static SourceDef source(String name, String workflow, int maxConcurrent, RateLimit rate, int attempts) {
    return new SourceDef(name, workflow, maxConcurrent, rate,
        new RetrySpec(attempts, Duration.ofSeconds(30), 2.0, Duration.ofMinutes(5), 0.0), 1.0);
  }

  private TaskQueue queue() {
    return daemon.daemon().queues().current();
  }

  private void enqueue(String source, int n) {
    List<NewTask> tasks = new ArrayList<>();
    int attempts = daemon.daemon().config().sources().source(source).orElseThrow().retry().maxAttempts();
    IntStream.range(0, n).forEach(i -> tasks.add(NewTask.of(source, source + ":" + i)
        .withParams(Map.of("game", Integer.toString(i))).withMaxAttempts(attempts)));
    queue().enqueueAll(tasks);
  }

  private List<Task> tasks(TaskState state) {
    return queue().list(TaskFilter.all().withState(state).withLimit(10_000));
  }

  private static WorkflowDef scrape(String id, String script) {
    return workflow(id).params(Map.of("game", "")).overlap(dev.shotclock.config.OverlapPolicy.ALLOW)
        .step(step("fetch").sh(script)).build();
  }

  @Test
  void a_source_never_exceeds_its_concurrency_and_its_rate_per_minute() throws Exception {
    MutableClock clock = new MutableClock(Clock.systemUTC().instant());
    daemon = DaemonFixture.startWithSources(dir, kind(), clock,
        sources(source("espn", "espn-scrape", 2, new RateLimit(30, null, null, Duration.ZERO), 1)),
        scrape("espn-scrape", "true"));
    enqueue("espn", 50);
    Dispatcher dispatcher = daemon.daemon().dispatcher();
    Instant start = clock.instant();
    while (tasks(TaskState.SUCCEEDED).size() < 50) {
      dispatcher.runOnce();
      assertThat(queue().runningBySource().getOrDefault("espn", 0)).isLessThanOrEqualTo(2);
      await().atMost(Duration.ofSeconds(20)).until(() -> queue().runningBySource().getOrDefault("espn", 0) == 0);
      clock.tick(Duration.ofSeconds(2));
      assertThat(Duration.between(start, clock.instant())).isLessThan(Duration.ofMinutes(10));
    }
    List<Instant> launches = daemon.daemon().jdbc().query("SELECT at FROM sc_task_launches ORDER BY at",
        Jdbc.Binder.NONE, r -> r.instant("at"));
    assertThat(launches).hasSize(50);
    for (Instant at : launches) {
      long inWindow = launches.stream().filter(t -> !t.isBefore(at) && t.isBefore(at.plusSeconds(60))).count();
      assertThat(inWindow).as("launches in the minute from %s", at).isLessThanOrEqualTo(30);
    }
    // 50 tasks at 30 a minute need more than a minute of clock.
    assertThat(Duration.between(start, clock.instant())).isGreaterThan(Duration.ofSeconds(60));
    var metrics = daemon.daemon().metrics();
    assertThat(metrics.get("shotclock.tasks.wait").tag("source", "espn").timer().count()).isEqualTo(50);
    assertThat(metrics.get("shotclock.dispatch.limited").tag("source", "espn").tag("limit", "rate")
        .counter().count()).as("passes the rate held back").isPositive();
    assertThat(metrics.get("shotclock.dispatch.claim").timer().count()).isPositive();
  }

  @Test
  void four_dispatchers_at_once_start_every_task_exactly_once() throws Exception {
    daemon = DaemonFixture.startWithSources(dir, kind(), Clock.systemUTC(),
        sources(source("nba", "nba-scrape", 8, RateLimit.NONE, 1)), scrape("nba-scrape", "true"));
    enqueue("nba", 120);
    List<Dispatcher> dispatchers = List.of(daemon.daemon().dispatcher(),
        new Dispatcher(daemon.daemon().liveConfigForTests(), daemon.daemon().queues(), daemon.daemon().jdbc(),
            daemon.daemon().engine().admission(), daemon.daemon().engine().resources(), daemon.daemon().quartz().launcher(), Clock.systemUTC(), "node-b",
            new DispatchMetrics(new SimpleMeterRegistry())),
        new Dispatcher(daemon.daemon().liveConfigForTests(), daemon.daemon().queues(), daemon.daemon().jdbc(),
            daemon.daemon().engine().admission(), daemon.daemon().engine().resources(), daemon.daemon().quartz().launcher(), Clock.systemUTC(), "node-c",
            new DispatchMetrics(new SimpleMeterRegistry())),
        new Dispatcher(daemon.daemon().liveConfigForTests(), daemon.daemon().queues(), daemon.daemon().jdbc(),
            daemon.daemon().engine().admission(), daemon.daemon().engine().resources(), daemon.daemon().quartz().launcher(), Clock.systemUTC(), "node-d",
            new DispatchMetrics(new SimpleMeterRegistry())));
    await().atMost(Duration.ofSeconds(120)).until(() -> {
      CompletableFuture.allOf(dispatchers.stream().map(d -> CompletableFuture.runAsync(d::runOnce))
          .toArray(CompletableFuture[]::new)).join();
      return tasks(TaskState.SUCCEEDED).size() == 120;
    });
    List<Long> runIds = tasks(TaskState.SUCCEEDED).stream().map(Task::runId).toList();
    assertThat(runIds).doesNotContainNull().doesNotHaveDuplicates();
    assertThat(daemon.runs("nba-scrape")).hasSize(120);
    assertThat(daemon.daemon().jdbc().queryLong("SELECT COUNT(*) FROM sc_task_launches", Jdbc.Binder.NONE)).isEqualTo(120);
  }

  @Test
  void a_failing_task_is_retried_after_its_backoff_and_then_dead_and_can_be_requeued() throws Exception {
    MutableClock clock = new MutableClock(Clock.systemUTC().instant());
    daemon = DaemonFixture.startWithSources(dir, kind(), clock,
        sources(source("bbref", "bbref-scrape", 1, RateLimit.NONE, 2)), scrape("bbref-scrape", "exit 1"));
    enqueue("bbref", 1);
    Dispatcher dispatcher = daemon.daemon().dispatcher();
    dispatcher.runOnce();
    await().atMost(Duration.ofSeconds(20)).until(() -> tasks(TaskState.RETRY_WAIT).size() == 1);
    assertThat(dispatcher.runOnce().claimed()).as("backoff of 30 s not over").isZero();
    clock.tick(Duration.ofSeconds(31));
    assertThat(dispatcher.runOnce().claimed()).isEqualTo(1);
    await().atMost(Duration.ofSeconds(20)).until(() -> tasks(TaskState.DEAD).size() == 1);
    Task dead = tasks(TaskState.DEAD).get(0);
    assertThat(dead.attempt()).isEqualTo(2);
    assertThat(dead.lastError()).contains("ended FAILED");
    assertThat(queue().requeue(dead.id())).get().extracting(Task::state).isEqualTo(TaskState.PENDING);
    // The new series runs the workflow again, although its attempt numbers repeat the dead one's.
    assertThat(dispatcher.runOnce().claimed()).isEqualTo(1);
    await().atMost(Duration.ofSeconds(20)).until(() -> daemon.runs("bbref-scrape").size() == 3);
    await().atMost(Duration.ofSeconds(20)).until(() -> tasks(TaskState.RETRY_WAIT).size() == 1);
  }

  @Test
  void a_task_with_a_parameter_its_workflow_does_not_declare_goes_dead_at_once() throws Exception {
    daemon = DaemonFixture.startWithSources(dir, kind(), Clock.systemUTC(),
        sources(source("espn", "espn-scrape", 1, RateLimit.NONE, 3)), scrape("espn-scrape", "true"));
    queue().enqueue(NewTask.of("espn", "k").withParams(Map.of("seasn", "2025")));
    daemon.daemon().dispatcher().runOnce();
    assertThat(tasks(TaskState.DEAD)).singleElement()
        .satisfies(t -> assertThat(t.lastError()).contains("unknown parameter(s) [seasn]"));
  }

  @Test
  void a_retry_after_reported_by_a_step_holds_the_source_back_until_then() throws Exception {
    MutableClock clock = new MutableClock(Clock.systemUTC().instant());
    daemon = DaemonFixture.startWithSources(dir, kind(), clock,
        sources(source("espn", "espn-scrape", 2, RateLimit.NONE, 1)),
        scrape("espn-scrape", "echo '{\"retry_after\": 120}' > \"$SHOTCLOCK_RESULT_FILE\""));
    enqueue("espn", 3);
    Dispatcher dispatcher = daemon.daemon().dispatcher();
    assertThat(dispatcher.runOnce().claimed()).isEqualTo(2);
    await().atMost(Duration.ofSeconds(20)).until(() -> tasks(TaskState.SUCCEEDED).size() == 2);
    assertThat(dispatcher.runOnce().budgets()).containsEntry("espn", 0);
    clock.tick(Duration.ofSeconds(119));
    assertThat(dispatcher.runOnce().claimed()).isZero();
    clock.tick(Duration.ofSeconds(2));
    assertThat(dispatcher.runOnce().claimed()).isEqualTo(1);
  }

  @Test
  void a_429_with_retry_after_from_an_http_server_holds_the_source_back_for_the_stated_time() throws Exception {
    com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    java.util.concurrent.atomic.AtomicInteger hits = new java.util.concurrent.atomic.AtomicInteger();
    server.createContext("/", ex -> {
      hits.incrementAndGet();
      ex.getResponseHeaders().add("Retry-After", "120");
      ex.sendResponseHeaders(429, -1);
      ex.close();
    });
    server.start();
    try {
      MutableClock clock = new MutableClock(Clock.systemUTC().instant());
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/pbp/${param.game}";
      daemon = DaemonFixture.startWithSources(dir, kind(), clock,
          sources(source("espn", "espn-fetch", 2, RateLimit.NONE, 3)),
          workflow("espn-fetch").params(Map.of("game", "")).overlap(dev.shotclock.config.OverlapPolicy.ALLOW)
              .cwd(dir).step(step("fetch").action(new dev.shotclock.config.StepAction.Http(url, Map.of(),
                  "pbp/${param.game}.json", 1 << 20))).build());
      enqueue("espn", 3);
      Dispatcher dispatcher = daemon.daemon().dispatcher();
      assertThat(dispatcher.runOnce().claimed()).isEqualTo(2);
      await().atMost(Duration.ofSeconds(20)).until(() -> tasks(TaskState.RETRY_WAIT).size() == 2);
      assertThat(hits).hasValue(2);
      assertThat(tasks(TaskState.RETRY_WAIT)).allSatisfy(t -> assertThat(t.lastError()).contains("FAILED"));

      clock.tick(Duration.ofSeconds(119));
      assertThat(dispatcher.runOnce().budgets()).as("held for the server's 120 s").containsEntry("espn", 0);
      clock.tick(Duration.ofSeconds(2));
      assertThat(dispatcher.runOnce().claimed()).as("the third task, and the retries once due").isPositive();
    } finally {
      server.stop(0);
    }
  }
}
