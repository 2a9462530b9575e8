package dev.shotclock.workflow;

import static dev.shotclock.testsupport.Workflows.step;
import static dev.shotclock.testsupport.Workflows.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.shotclock.config.ResultPredicate;
import dev.shotclock.config.StepAction;
import dev.shotclock.config.SuccessRules;
import dev.shotclock.history.RunRecord;
import dev.shotclock.history.RunState;
import dev.shotclock.history.StepRunRecord;
import dev.shotclock.history.StepState;
import dev.shotclock.testsupport.DaemonFixture;
import dev.shotclock.testsupport.TestStores;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code http} step against a local HTTP server, in a real daemon. */
class HttpStepTest {

  @TempDir Path dir;
  private DaemonFixture daemon;
  private HttpServer server;
  private final AtomicInteger hits = new AtomicInteger();
  private final CountDownLatch release = new CountDownLatch(1);

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/box/", ex -> {
      hits.incrementAndGet();
      String game = ex.getRequestURI().getPath().substring("/box/".length());
      String auth = ex.getRequestHeaders().getFirst("X-Token");
      respond(ex, 200, "{\"game\": \"" + game + "\", \"token\": \"" + auth + "\"}");
    });
    server.createContext("/busy-then-ok", ex -> {
      if (hits.incrementAndGet() == 1) {
        ex.getResponseHeaders().add("Retry-After", "2");
        respond(ex, 429, "slow down");
      } else {
        respond(ex, 200, "{\"ok\": true}");
      }
    });
    server.createContext("/missing", ex -> {
      hits.incrementAndGet();
      respond(ex, 404, "no such game");
    });
    server.createContext("/hang", ex -> {
      hits.incrementAndGet();
      ex.sendResponseHeaders(200, 0);
      try (OutputStream out = ex.getResponseBody()) {
        out.write("partial".getBytes(StandardCharsets.UTF_8));
        out.flush();
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (IOException e) {
        // the client went away: what the test wants
      }
    });
    server.createContext("/big", ex -> {
      hits.incrementAndGet();
      respond(ex, 200, "x".repeat(200_000));
    });
    server.start();
  }

  @AfterEach
  void stop() {
    release.countDown();
    if (daemon != null) {
      daemon.close();
    }
    server.stop(0);
  }

  private static void respond(HttpExchange ex, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(status, b.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(b);
    }
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private RunRecord run(Workflows wf, Map<String, String> params) throws IOException {
    daemon = DaemonFixture.start(dir, TestStores.Kind.H2, Clock.systemUTC(), wf.def);
    return daemon.awaitEnd(daemon.trigger(wf.def.id(), params), Duration.ofSeconds(30));
  }

  /** Holds a workflow definition for {@link #run}. */
  private record Workflows(dev.shotclock.config.WorkflowDef def) {}

  @Test
  void a_fetch_writes_the_whole_file_with_params_and_headers_and_the_predicate_reads_the_result() throws Exception {
    var def = workflow("box").cwd(dir).params(Map.of("game", ""))
        .step(step("fetch").action(new StepAction.Http(url("/box/${param.game}"),
            Map.of("X-Token", "t-${param.game}"), "data/${param.game}.json", 1 << 20))
            .success(new SuccessRules(Set.of(), Set.of(2), ResultPredicate.parse("status == 200 and bytes > 10"))))
        .build();
    RunRecord run = run(new Workflows(def), Map.of("game", "0022500123"));

    assertThat(run.state()).isEqualTo(RunState.SUCCEEDED);
    assertThat(Files.readString(dir.resolve("data/0022500123.json")))
        .isEqualTo("{\"game\": \"0022500123\", \"token\": \"t-0022500123\"}");
    assertThat(leftovers(dir.resolve("data"))).as("no .part file left").containsExactly("0022500123.json");
    StepRunRecord tr = daemon.steps(run.id()).get(0);
    assertThat(tr.exitCode()).as("no process, no exit code").isNull();
    assertThat(Files.readString(Path.of(run.logPath()))).contains("HTTP 200, 47 bytes");
  }

  @Test
  void a_429_with_retry_after_makes_the_next_try_wait_at_least_that_long() throws Exception {
    var def = workflow("busy").cwd(dir)
        .step(step("fetch").action(new StepAction.Http(url("/busy-then-ok"), Map.of(), "out.json", 1 << 20))
            .retry(3, Duration.ofMillis(10), 1.0))
        .build();
    RunRecord run = run(new Workflows(def), Map.of());

    assertThat(run.state()).isEqualTo(RunState.SUCCEEDED);
    List<StepRunRecord> tries = daemon.steps(run.id());
    assertThat(tries).extracting(StepRunRecord::state).containsExactly(StepState.FAILED, StepState.SUCCEEDED);
    assertThat(tries.get(0).error()).contains("HTTP 429").contains("Retry-After 2 s").contains("slow down");
    assertThat(Duration.between(tries.get(0).finishedAt(), tries.get(1).startedAt()))
        .as("the server's 2 s, not the 10 ms backoff").isGreaterThanOrEqualTo(Duration.ofMillis(1900));
  }

  @Test
  void a_404_is_not_retried() throws Exception {
    var def = workflow("missing").cwd(dir)
        .step(step("fetch").action(new StepAction.Http(url("/missing"), Map.of(), "out.json", 1 << 20))
            .retry(3, Duration.ofMillis(10), 1.0))
        .build();
    RunRecord run = run(new Workflows(def), Map.of());

    assertThat(run.state()).isEqualTo(RunState.FAILED);
    assertThat(daemon.steps(run.id())).singleElement().satisfies(t ->
        assertThat(t.error()).contains("HTTP 404").contains("no such game"));
    assertThat(hits).hasValue(1);
    assertThat(dir.resolve("out.json")).doesNotExist();
  }

  @Test
  void a_stuck_body_times_out_and_leaves_neither_the_file_nor_a_part_file() throws Exception {
    var def = workflow("hang").cwd(dir)
        .step(step("fetch").action(new StepAction.Http(url("/hang"), Map.of(), "out.json", 1 << 20))
            .timeout(Duration.ofSeconds(1)))
        .build();
    Instant start = Instant.now();
    RunRecord run = run(new Workflows(def), Map.of());

    assertThat(run.state()).isEqualTo(RunState.FAILED);
    assertThat(daemon.steps(run.id())).singleElement().satisfies(t -> {
      assertThat(t.state()).isEqualTo(StepState.TIMED_OUT);
      assertThat(t.error()).contains("timed out after 1s");
    });
    assertThat(Duration.between(start, Instant.now())).as("the timeout, not the server, ended it")
        .isLessThan(Duration.ofSeconds(25));
    assertThat(leftovers(dir)).noneMatch(n -> n.startsWith(".out.json") || n.equals("out.json"));
  }

  @Test
  void a_response_over_max_bytes_fails_without_a_retry_or_a_file() throws Exception {
    var def = workflow("big").cwd(dir)
        .step(step("fetch").action(new StepAction.Http(url("/big"), Map.of(), "out.json", 100_000))
            .retry(3, Duration.ofMillis(10), 1.0))
        .build();
    RunRecord run = run(new Workflows(def), Map.of());

    assertThat(run.state()).isEqualTo(RunState.FAILED);
    assertThat(daemon.steps(run.id())).singleElement().satisfies(t ->
        assertThat(t.error()).contains("larger than max_bytes (100000 bytes)"));
    assertThat(leftovers(dir)).noneMatch(n -> n.contains("out.json"));
  }

  @Test
  void a_refused_connection_is_a_retryable_failure() throws Exception {
    server.stop(0);
    var def = workflow("down").cwd(dir)
        .step(step("fetch").action(new StepAction.Http(url("/box/1"), Map.of(), "out.json", 1 << 20))
            .retry(2, Duration.ofMillis(10), 1.0))
        .build();
    RunRecord run = run(new Workflows(def), Map.of());

    assertThat(run.state()).isEqualTo(RunState.FAILED);
    assertThat(daemon.steps(run.id())).hasSize(2).allSatisfy(t ->
        assertThat(t.error()).contains("failed: ConnectException"));
  }

  @Test
  void retry_after_reads_seconds_and_http_dates() {
    Instant now = Instant.parse("2026-11-25T10:00:00Z");
    assertThat(HttpFetch.retryAfter("120", now)).contains(Duration.ofSeconds(120));
    assertThat(HttpFetch.retryAfter("Wed, 25 Nov 2026 10:01:30 GMT", now)).contains(Duration.ofSeconds(90));
    assertThat(HttpFetch.retryAfter("Wed, 25 Nov 2026 09:00:00 GMT", now)).contains(Duration.ZERO);
    assertThat(HttpFetch.retryAfter("soon", now)).isEmpty();
    assertThat(HttpFetch.retryAfter("-5", now)).isEmpty();
    assertThat(HttpFetch.retryAfter(null, now)).isEmpty();
  }

  private static List<String> leftovers(Path d) throws IOException {
    try (Stream<Path> files = Files.list(d)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
