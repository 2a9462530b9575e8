package dev.shotclock.e2e;

import static dev.shotclock.testsupport.Installation.cli;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shotclock.config.StoreSettings;
import dev.shotclock.testsupport.Installation;
import dev.shotclock.testsupport.TcpProxy;
import dev.shotclock.testsupport.TestStores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL goes away under a running daemon (a proxy between them is cut: open connections
 * reset, new ones refused) while workflows fire every 5 s. The daemon must stay up, report
 * DEGRADED within 15 s, log at most one warning or error per 10 s, resume firing within 30 s of
 * the store's return, and handle the slots it could not fire by each workflow's catch-up policy.
 * The outage lasts 20 s by default; the fault profile ({@code -Pfault}) makes it 60 s.
 */
class StoreOutageE2ETest {

  private static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("shotclock.test.outage.seconds", 20));
  private static final Pattern LOG_EVENT = Pattern.compile("^\\d{4}-\\d\\d-\\d\\dT\\S+ (WARN|ERROR) .*");

  @TempDir Path dir;
  private Process daemon;
  private TcpProxy proxy;
  private StoreSettings store;

  @AfterEach
  void stop() throws Exception {
    if (proxy != null) {
      proxy.restore();
    }
    if (daemon != null) {
      daemon.destroy();
      if (!daemon.waitFor(30, TimeUnit.SECONDS)) {
        daemon.destroyForcibly();
      }
    }
    if (proxy != null) {
      proxy.close();
    }
    if (store != null) {
      TestStores.drop(store);
    }
  }

  @Test
  void the_daemon_stays_up_degraded_quietly_and_resumes_with_catch_up_after_a_store_outage() throws Exception {
    store = TestStores.postgres();
    proxy = new TcpProxy(5432);
    String url = store.url().replace("127.0.0.1:5432", "127.0.0.1:" + proxy.port());
    Path conf = Installation.writeConfig(dir, String.join("\n",
        "node_id: outage-node",
        "admin: { port: 0 }",
        "store: { url: \"" + url + "\", username: " + TestStores.PG_USER + ", connect_timeout: 2s, socket_timeout: 10s }",
        "scheduler: { threads: 4, shutdown_grace: 3s, kill_grace: 2s, misfire_threshold: 5s }",
        "watchdog: { interval: 5s }",
        ""), Map.of(
        "tick-all.yaml", "id: tick-all\ntriggers: [ { cron: \"0/5 * * * * ?\" } ]\ncatch_up: { policy: all, max_lateness: 1h }\n"
            + "steps:\n  - id: s\n    run: [\"true\"]\n",
        "tick-none.yaml", "id: tick-none\ntriggers: [ { cron: \"0/5 * * * * ?\" } ]\ncatch_up: none\n"
            + "steps:\n  - id: s\n    run: [\"true\"]\n"));
    Path log = dir.resolve("daemon.log");
    daemon = Installation.startDaemon(conf, log);
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
      assertThat(daemon.isAlive()).as("daemon alive; log:\n%s", Files.readString(log)).isTrue();
      assertThat(cli(conf, "health").exitCode()).isZero();
    });
    await().atMost(Duration.ofSeconds(20)).until(() -> count(conf, "tick-all", "SUCCEEDED") >= 1);

    Instant cutAt = Instant.now();
    long logBytesAtCut = Files.size(log);
    proxy.cut();

    await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
      JsonNode health = cli(conf, "--json", "health").json();
      assertThat(health.get("status").asText()).as("%s", health).isEqualTo("DEGRADED");
      assertThat(health.get("reasons").toString()).contains("store: unreachable since");
    });
    Duration rest = OUTAGE.minus(Duration.between(cutAt, Instant.now()));
    await().during(rest).atMost(rest.plusSeconds(10)).pollInterval(Duration.ofSeconds(1)).until(() ->
        daemon.isAlive() && "DEGRADED".equals(cli(conf, "--json", "health").json().get("status").asText()));

    Instant restoredAt = Instant.now();
    List<String> outageLog = linesSince(log, logBytesAtCut);
    proxy.restore();

    long warnings = outageLog.stream().filter(l -> LOG_EVENT.matcher(l).matches()).count();
    long allowed = Duration.between(cutAt, restoredAt).toSeconds() / 10 + 1;
    assertThat(warnings).as("warnings and errors during the outage:\n%s", String.join("\n", outageLog))
        .isLessThanOrEqualTo(allowed);
    assertThat(outageLog).as("no stack trace storm").hasSizeLessThanOrEqualTo((int) allowed * 40);

    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
      assertThat(cli(conf, "health").exitCode()).as(cli(conf, "health").stdout()).isZero();
      assertThat(runs(conf, "tick-all").stream().anyMatch(r -> r.get("state").asText().equals("SUCCEEDED")
          && Instant.parse(r.get("scheduled_at").asText()).isAfter(restoredAt))).as("firing resumed").isTrue();
    });

    // Slots well inside the outage (more than misfire_threshold from either end) were missed;
    // catch_up: all ran every one of them, catch_up: none recorded each as MISSED.
    Instant from = cutAt.plusSeconds(6);
    Instant to = restoredAt.minusSeconds(6);
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
      assertThat(statesIn(conf, "tick-all", from, to)).isNotEmpty().allMatch("SUCCEEDED"::equals);
      assertThat(statesIn(conf, "tick-none", from, to)).isNotEmpty().allMatch("MISSED"::equals);
    });
    assertThat(statesIn(conf, "tick-all", from, to)).hasSameSizeAs(statesIn(conf, "tick-none", from, to));
    JsonNode events = cli(conf, "--json", "events", "--kind", "STORE_OUTAGE").json();
    assertThat(events.toString()).contains("scheduling was suspended and has resumed");
    assertThat(daemon.isAlive()).isTrue();
  }

  private static List<String> linesSince(Path log, long offset) throws Exception {
    byte[] all = Files.readAllBytes(log);
    String tail = new String(all, (int) offset, all.length - (int) offset, StandardCharsets.UTF_8);
    return tail.lines().toList();
  }

  private static List<JsonNode> runs(Path conf, String workflow) throws Exception {
    Installation.Result r = cli(conf, "--json", "runs", workflow, "--limit", "500");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    List<JsonNode> out = new ArrayList<>();
    r.json().forEach(out::add);
    return out;
  }

  private static long count(Path conf, String workflow, String state) throws Exception {
    return runs(conf, workflow).stream().filter(r -> r.get("state").asText().equals(state)).count();
  }

  /** States of the workflow's rows for slots in [from, to]. */
  private static List<String> statesIn(Path conf, String workflow, Instant from, Instant to) throws Exception {
    return runs(conf, workflow).stream()
        .filter(r -> r.get("trigger_kind").asText().equals("SCHEDULE") || r.get("trigger_kind").asText().equals("CATCH_UP"))
        .filter(r -> {
          Instant at = Instant.parse(r.get("scheduled_at").asText());
          return !at.isBefore(from) && !at.isAfter(to);
        })
        .map(r -> r.get("state").asText()).toList();
  }
}
