package dev.shotclock.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shotclock.config.StoreSettings;
import dev.shotclock.testsupport.Installation;
import dev.shotclock.testsupport.TestStores;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash loop of issue 17: the real {@code bin/shotclockd}, killed with SIGKILL at random
 * moments, over and over, on the same store: right after a trigger was accepted (admission and
 * launch), in the middle of a run (mid-step, between steps), and within a second after the API
 * confirmed a run SUCCEEDED. A driver triggers three-step runs and polls each to its end, as
 * {@code shotclock trigger --wait} does; a cron workflow fires every second beside it. Each step
 * appends "run attempt step" to a marker file. After every restart, once recovery is done (no
 * run of the driven workflow left RUNNING or SCHEDULED), {@link CrashLedger} checks: every
 * confirmed result is still SUCCEEDED at its attempt; no row vanished; attempts only grew; no slot
 * has two runs; no step ran twice in one attempt or again after its run was confirmed.
 */
class CrashLoopE2ETest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final int FULL_CYCLES = Integer.getInteger("shotclock.test.crash.cycles", 50);

  private enum KillAt { ADMISSION, MID_RUN, AFTER_CONFIRMATION }

  @TempDir Path dir;
  private final long seed = Long.getLong("shotclock.test.crash.seed", System.nanoTime());
  private final Random random = new Random(seed);
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final CrashLedger ledger = new CrashLedger();
  private Process daemon;
  private StoreSettings pgStore;
  private Path conf;
  private Path marks;

  @AfterEach
  void cleanUp() throws Exception {
    timer.shutdownNow();
    if (daemon != null && daemon.isAlive()) {
      daemon.destroyForcibly();
      daemon.waitFor(20, TimeUnit.SECONDS);
    }
    if (pgStore != null) {
      TestStores.drop(pgStore);
    }
  }

  /** A short loop in the default suite, so that every change of the fire path meets a few kills. */
  @Test
  void a_few_kills_lose_nothing_on_h2() throws Exception {
    loop(null, 5);
  }

  @Test
  @Tag("slow")
  void fifty_kills_lose_nothing_on_h2() throws Exception {
    loop(null, FULL_CYCLES);
  }

  @Test
  @Tag("slow")
  void fifty_kills_lose_nothing_on_postgresql() throws Exception {
    pgStore = TestStores.postgres();
    loop(pgStore, FULL_CYCLES);
  }

  private void loop(StoreSettings store, int cycles) throws Exception {
    writeConfig(store);
    int[] kills = new int[KillAt.values().length];
    for (int cycle = 1; cycle <= cycles; cycle++) {
      startAndCheck(cycle);
      KillAt at = KillAt.values()[random.nextInt(KillAt.values().length)];
      kills[at.ordinal()]++;
      driveAndKill(at);
    }
    startAndCheck(cycles + 1);
    daemon.destroy();
    assertThat(daemon.waitFor(60, TimeUnit.SECONDS)).as("graceful stop after the loop").isTrue();
    System.out.printf("crash loop (%s): cycles=%d (admission %d, mid-run %d, after confirmation %d)"
        + " confirmed=%d lost=%d duplicate-executions=%d seed=%d%n", store == null ? "H2" : "PostgreSQL", cycles,
        kills[0], kills[1], kills[2], ledger.confirmedCount(), ledger.lostCount(), ledger.duplicateCount(), seed);
    assertThat(ledger.confirmedCount()).as("results confirmed over the loop")
        .isPositive().isGreaterThanOrEqualTo(kills[KillAt.AFTER_CONFIRMATION.ordinal()]);
  }

  private void writeConfig(StoreSettings store) throws IOException {
    marks = dir.resolve("marks");
    Files.createFile(marks);
    String step = "run: [sh, -c, 'echo \"$SHOTCLOCK_RUN_ID $SHOTCLOCK_RUN_ATTEMPT $SHOTCLOCK_STEP\" >> "
        + marks + "; sleep 0.%d']";
    String yaml = Installation.testDaemonYaml() + (store == null ? "" : "store: { url: \"" + store.url()
        + "\", username: " + store.username() + ", pool_size: 4 }\n");
    conf = Installation.writeConfig(dir, yaml, Map.of(
        "crash.yaml", String.join("\n",
            "id: crash",
            "overlap: allow",
            "steps:",
            "  - id: a",
            "    " + step.formatted(1),
            "  - id: b",
            "    depends_on: [a]",
            "    " + step.formatted(2),
            "  - id: c",
            "    depends_on: [b]",
            "    " + step.formatted(0),
            ""),
        "tick.yaml", String.join("\n",
            "id: tick",
            "triggers: [ { cron: \"* * * * * ?\" } ]",
            "steps:",
            "  - id: t",
            "    " + step.formatted(0),
            "")));
  }

  /** Starts the daemon, waits for its recovery to finish, and checks what survived. */
  private void startAndCheck(int cycle) throws Exception {
    Files.deleteIfExists(dir.resolve("var/admin.port"));
    daemon = Installation.startDaemon(conf, dir.resolve("daemon.log"));
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
        .untilAsserted(() -> {
          assertThat(daemon.isAlive()).as("daemon alive (cycle %d); log:\n%s", cycle, log()).isTrue();
          assertThat(get("/health").path("status").asText()).isIn("UP", "DEGRADED");
        });
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
        .until(() -> runs("crash").stream().noneMatch(r -> r.state().equals("RUNNING") || r.state().equals("SCHEDULED")));
    List<CrashLedger.Run> all = new ArrayList<>(runs("crash"));
    all.addAll(runs("tick"));
    List<String> problems = new ArrayList<>(ledger.checkRuns(all));
    problems.addAll(ledger.checkMarks(readMarks()));
    assertThat(problems).as("after kill %d (replay: -Dshotclock.test.crash.seed=%d)", cycle - 1, seed).isEmpty();
  }

  /** Triggers runs and waits for each, as {@code trigger --wait} does, until the daemon is killed. */
  private void driveAndKill(KillAt at) throws Exception {
    AtomicBoolean killed = new AtomicBoolean();
    CountDownLatch triggered = new CountDownLatch(1 + random.nextInt(3));
    CountDownLatch confirmedOne = new CountDownLatch(1 + random.nextInt(2));
    Thread driver = new Thread(() -> drive(killed, triggered, confirmedOne), "crash-driver");
    driver.start();
    switch (at) {
      case ADMISSION -> {
        assertThat(triggered.await(60, TimeUnit.SECONDS)).isTrue();
        killIn(random.nextInt(15));
      }
      case MID_RUN -> killIn(200 + random.nextInt(1500));
      case AFTER_CONFIRMATION -> {
        assertThat(confirmedOne.await(60, TimeUnit.SECONDS)).as("a run confirmed; log:\n%s", log()).isTrue();
        killIn(random.nextInt(1000));
      }
    }
    assertThat(daemon.waitFor(60, TimeUnit.SECONDS)).isTrue();
    killed.set(true);
    driver.join(TimeUnit.SECONDS.toMillis(30));
  }

  private void killIn(long millis) {
    timer.schedule(() -> daemon.destroyForcibly(), millis, TimeUnit.MILLISECONDS);
  }

  private void drive(AtomicBoolean killed, CountDownLatch triggered, CountDownLatch confirmedOne) {
    try {
      while (!killed.get()) {
        long id = post("/api/v1/workflows/crash/trigger", "{}").path("run_id").asLong();
        triggered.countDown();
        JsonNode[] run = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20))
            .until(() -> terminal((run[0] = get("/api/v1/runs/" + id).path("run")).path("state").asText()));
        if (run[0].path("state").asText().equals("SUCCEEDED")) {
          ledger.confirm(id, run[0].path("attempt").asInt());
          confirmedOne.countDown();
        }
      }
    } catch (IOException | InterruptedException | RuntimeException e) {
      // the daemon was killed under a request: what it confirmed before is in the ledger
    }
  }

  private static boolean terminal(String state) {
    return !state.equals("RUNNING") && !state.equals("SCHEDULED") && !state.isEmpty();
  }

  private List<CrashLedger.Run> runs(String workflow) throws Exception {
    List<CrashLedger.Run> runs = new ArrayList<>();
    for (JsonNode r : get("/api/v1/runs?workflow=" + workflow + "&limit=10000")) {
      runs.add(new CrashLedger.Run(r.path("id").asLong(), r.path("workflow_id").asText(),
          r.path("slot_key").asText(), r.path("state").asText(), r.path("attempt").asInt()));
    }
    return runs;
  }

  private List<CrashLedger.Mark> readMarks() throws IOException {
    List<CrashLedger.Mark> list = new ArrayList<>();
    for (String line : Files.readAllLines(marks)) {
      String[] f = line.trim().split(" ");
      if (f.length == 3) {
        list.add(new CrashLedger.Mark(Long.parseLong(f[0]), Integer.parseInt(f[1]), f[2]));
      }
    }
    return list;
  }

  private JsonNode get(String path) throws IOException, InterruptedException {
    return send(request(path).GET().build());
  }

  private JsonNode post(String path, String json) throws IOException, InterruptedException {
    return send(request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  private HttpRequest.Builder request(String path) throws IOException {
    Path state = dir.resolve("var");
    int port = Integer.parseInt(Files.readString(state.resolve("admin.port")).trim());
    String token = Files.readString(state.resolve("admin.token")).trim();
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10));
  }

  private static JsonNode send(HttpRequest req) throws IOException, InterruptedException {
    HttpResponse<String> res = HTTP.send(req, HttpResponse.BodyHandlers.ofString());
    if (res.statusCode() / 100 != 2 && res.statusCode() != 503) {
      throw new IOException(req.uri() + " answered " + res.statusCode() + ": " + res.body());
    }
    return JSON.readTree(res.body());
  }

  private String log() throws IOException {
    Path log = dir.resolve("daemon.log");
    return Files.exists(log) ? Files.readString(log) : "";
  }
}
