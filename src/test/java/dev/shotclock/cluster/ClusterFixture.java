package dev.shotclock.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shotclock.config.StoreSettings;
import dev.shotclock.testsupport.Installation;
import dev.shotclock.testsupport.Processes;
import dev.shotclock.testsupport.TestStores;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * N ShotClock nodes as real processes ({@code bin/shotclockd}) on one fresh PostgreSQL schema.
 * Each node has its own home ({@code <dir>/<node>/conf}, {@code <dir>/<node>/var}), the same
 * workflows and sources, and can be started, stopped, {@code kill -9}ed, frozen (SIGSTOP) and
 * thawed (SIGCONT). {@link #close()} kills every node and every step process any node left.
 */
final class ClusterFixture implements AutoCloseable {

  private final Path dir;
  private final StoreSettings store;
  private final ClusterStore db;
  private final Map<String, Node> nodes = new LinkedHashMap<>();
  private final Map<String, String> workflows = new LinkedHashMap<>();
  private String sourcesYaml;
  private String nodeYaml = "";

  ClusterFixture(Path dir) {
    this.dir = dir;
    this.store = TestStores.postgres();
    this.db = new ClusterStore(store);
  }

  ClusterStore db() {
    return db;
  }

  ClusterFixture workflow(String file, String yaml) {
    workflows.put(file, yaml);
    return this;
  }

  ClusterFixture sources(String yaml) {
    this.sourcesYaml = yaml;
    return this;
  }

  /** Extra lines of every node's shotclock.yaml (e.g. {@code scheduler: {...}}). */
  ClusterFixture nodeSettings(String yaml) {
    this.nodeYaml = yaml;
    return this;
  }

  /** The node of this id, its config written on first use (not started). */
  Node node(String id) throws IOException {
    Node n = nodes.get(id);
    if (n == null) {
      n = new Node(id, dir.resolve(id));
      n.writeConfig();
      nodes.put(id, n);
    }
    return n;
  }

  @Override
  public void close() {
    for (Node n : nodes.values()) {
      n.thawQuietly(); // a stopped process would not die of SIGTERM and hold its locks
      n.killHard();
      n.killSteps();
    }
    db.close();
    TestStores.drop(store);
  }

  /** One node: its home, config, process, CLI and admin API. */
  final class Node {
    final String id;
    final Path home;
    final Path conf;
    final Path stateDir;
    final Path log;
    private Process process;

    private Node(String id, Path home) {
      this.id = id;
      this.home = home;
      this.conf = home.resolve("conf");
      this.stateDir = home.resolve("var").toAbsolutePath();
      this.log = home.resolve("daemon.log");
    }

    private void writeConfig() throws IOException {
      // pool_size 4: the machine's PostgreSQL (max_connections 100) is shared by every node and
      // by other test runs; the Quartz pool (threads + 3) is the one that must stay large.
      String yaml = String.join("\n",
          "node_id: " + id,
          "admin: { port: 0 }",
          "store: { url: \"" + store.url() + "\", username: " + store.username()
              + ", pool_size: 4, connect_timeout: 2s, socket_timeout: 10s }",
          "cluster: { enabled: true, checkin_interval: 2s, max_clock_skew: 1s }",
          nodeYaml,
          "");
      Installation.writeConfig(home, yaml, workflows);
      if (sourcesYaml != null) {
        Files.writeString(conf.resolve("sources.yaml"), sourcesYaml);
      }
    }

    /** Starts the daemon and waits until it answers {@code health} with exit 0. */
    Node start() throws Exception {
      assertThat(process == null || !process.isAlive()).as("%s already running", id).isTrue();
      // A port file of a killed predecessor would point the CLI at a dead port.
      Files.deleteIfExists(stateDir.resolve("admin.port"));
      process = Installation.startDaemon(conf, log);
      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
        assertThat(process.isAlive()).as("%s alive; log:\n%s", id, Files.readString(log)).isTrue();
        assertThat(cli("health").exitCode()).isZero();
      });
      return this;
    }

    long pid() {
      return process.pid();
    }

    boolean alive() {
      return process != null && process.isAlive();
    }

    /** {@code kill -9}: no shutdown hook, no cleanup; its step processes live on (see killSteps). */
    void kill9() throws InterruptedException {
      process.destroyForcibly();
      assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("%s died of kill -9", id).isTrue();
    }

    /** SIGSTOP: the JVM stops dead (no check-in, no heartbeat); its step processes, in their own sessions, go on. */
    void freeze() throws Exception {
      signal("STOP");
    }

    void thaw() throws Exception {
      signal("CONT");
    }

    /** SIGTERM and wait: the graceful stop. */
    void stop() throws InterruptedException {
      if (process != null && process.isAlive()) {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      }
    }

    /**
     * Kills the step processes this node started (found by their SHOTCLOCK_STATE_DIR marker in
     * /proc). Steps run in their own session (setsid), so a {@code kill -9} of the daemon leaves
     * them running as orphans until the node restarts and reaps them. In production systemd's
     * {@code KillMode=control-group} kills them with the daemon; the tests do it here instead.
     */
    List<Long> killSteps() {
      List<Long> pids = Processes.withEnvironment("SHOTCLOCK_STATE_DIR=" + stateDir);
      pids.forEach(p -> ProcessHandle.of(p).ifPresent(ProcessHandle::destroyForcibly));
      return pids;
    }

    Installation.Result cli(String... args) throws IOException, InterruptedException {
      return Installation.cli(conf, args);
    }

    /** {@code status --json} of this node. */
    JsonNode status() throws Exception {
      Installation.Result r = cli("--json", "status");
      return r.json();
    }

    /** A POST to this node's admin API, as the CLI makes it (bearer token, JSON body); returns the JSON answer. */
    JsonNode post(String path, String json) throws Exception {
      int port = Integer.parseInt(Files.readString(stateDir.resolve("admin.port")).trim());
      String token = Files.readString(stateDir.resolve("admin.token")).trim();
      HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
          .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(json)).build();
      HttpResponse<String> res = HTTP.send(req, HttpResponse.BodyHandlers.ofString());
      assertThat(res.statusCode()).as("POST %s on %s: %s", path, id, res.body()).isBetween(200, 299);
      return JSON.readTree(res.body());
    }

    private void signal(String sig) throws Exception {
      Process kill = new ProcessBuilder("kill", "-" + sig, Long.toString(process.pid())).inheritIO().start();
      assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill -%s %s", sig, id).isTrue();
    }

    private void thawQuietly() {
      if (process != null && process.isAlive()) {
        try {
          signal("CONT");
        } catch (Exception | AssertionError e) {
          // best effort in teardown
        }
      }
    }

    private void killHard() {
      if (process != null && process.isAlive()) {
        process.destroyForcibly();
        try {
          process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }

    String logText() throws IOException {
      return Files.exists(log) ? Files.readString(log) : "";
    }
  }

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final ObjectMapper JSON = new ObjectMapper();
}
