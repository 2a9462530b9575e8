package dev.shotclock.e2e;

import static dev.shotclock.testsupport.Installation.cli;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shotclock.testsupport.Installation;
import dev.shotclock.testsupport.RawHttp;
import dev.shotclock.testsupport.StoreFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store file through {@code bin/}: its size in status and metrics, and a file the
 * daemon must not use (damaged, cut short, from a newer ShotClock or H2) refused at start with
 * exit 1 and one paragraph naming the file, without a stack trace, and with the file unchanged.
 */
class StoreFileE2ETest {

  @TempDir Path dir;
  private final List<Process> daemons = new ArrayList<>();
  private Path conf;
  private Path store;

  @BeforeEach
  void configure() throws Exception {
    conf = Installation.writeConfig(dir, Installation.testDaemonYaml(), Map.of());
    store = dir.resolve("var/db/shotclock.mv.db").toAbsolutePath().normalize();
  }

  @AfterEach
  void killDaemons() throws InterruptedException {
    for (Process p : daemons) {
      p.destroy();
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }

  private Process start(String logName) throws Exception {
    Process p = Installation.startDaemon(conf, dir.resolve(logName));
    daemons.add(p);
    return p;
  }

  private String log(String logName) throws Exception {
    Path log = dir.resolve(logName);
    return Files.exists(log) ? Files.readString(log) : "";
  }

  /** Starts the daemon until healthy, then stops it with SIGTERM: a store file as a stop leaves it. */
  private Process startHealthy() throws Exception {
    Process p = start("first.log");
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
      assertThat(p.isAlive()).as("daemon alive; log:\n%s", log("first.log")).isTrue();
      assertThat(cli(conf, "health").exitCode()).isZero();
    });
    return p;
  }

  private static void stop(Process p) throws Exception {
    p.destroy();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
  }

  private void createRealStore() throws Exception {
    stop(startHealthy());
    assertThat(store).isNotEmptyFile();
  }

  private List<String> dbDirectory() throws Exception {
    try (Stream<Path> files = Files.list(store.getParent())) {
      return files.map(Path::toString).sorted().toList();
    }
  }

  /**
   * Starts on the store as it is now; expects exit 1, no stack trace, the store file's bytes and
   * its directory unchanged; returns what the daemon printed.
   */
  private String refusedStart() throws Exception {
    String checksum = StoreFiles.sha256(store);
    List<String> files = dbDirectory();
    Process p = start("refused.log");
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("exited; log:\n%s", log("refused.log")).isTrue();
    String output = log("refused.log");

    assertThat(p.exitValue()).as(output).isEqualTo(1);
    assertThat(output).contains("shotclockd: cannot start: the store file " + store)
        .doesNotContain("Exception").doesNotContainPattern("(?m)^\\s+at ");
    assertThat(StoreFiles.sha256(store)).as("store file unchanged").isEqualTo(checksum);
    assertThat(dbDirectory()).isEqualTo(files);
    return output;
  }

  @Test
  void status_and_metrics_show_the_store_files_size() throws Exception {
    Process daemon = startHealthy();

    // The store_size component appears with the watchdog's first tick.
    Installation.Result text = await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofSeconds(1))
        .until(() -> cli(conf, "status"), r -> r.stdout().contains("store_size"));
    JsonNode size = cli(conf, "--json", "status").json().get("store_size");
    Path var = dir.resolve("var");
    RawHttp http = new RawHttp(Integer.parseInt(Files.readString(var.resolve("admin.port")).trim()), 10_000);
    String metrics = http.send(RawHttp.get("/metrics").bearer(Files.readString(var.resolve("admin.token")).trim())).text();

    assertThat(text.stdout()).containsPattern("store size \\d+\\.\\d [KMG]iB, live data about .*, file "
        + java.util.regex.Pattern.quote(store.toString()) + ", .* free on its disk");
    assertThat(text.stdout()).containsPattern("store_size +UP +store file " + java.util.regex.Pattern.quote(store.toString()));
    assertThat(size.get("file").asText()).isEqualTo(store.toString());
    assertThat(size.get("size_bytes").asLong()).isPositive();
    assertThat(size.get("live_bytes").asLong()).isBetween(1L, size.get("size_bytes").asLong());
    assertThat(size.get("disk_free_bytes").asLong()).isPositive();
    assertThat(metrics).contains("# HELP shotclock_store_size_bytes ").containsPattern(
        "(?m)^shotclock_store_size_bytes\\{service=\"shotclock\"} [1-9]");
    stop(daemon);
  }

  @Test
  void a_store_file_of_garbage_is_refused_as_damaged() throws Exception {
    StoreFiles.fillWithGarbage(store, 200_000);

    String output = refusedStart();

    assertThat(output).contains("is damaged and cannot be read").contains("Restore it from a backup")
        .contains("mv " + store + " " + store + ".broken");
  }

  @Test
  void a_truncated_real_store_file_is_refused_as_damaged() throws Exception {
    createRealStore();
    // Rewritten by H2's offline compaction into as few chunks as it takes, so that half of it is
    // certainly live data. (The daemon's store appends every commit: a file cut short at an older
    // chunk still holds a complete older state, which H2 opens as it would after a crash.)
    org.h2.mvstore.MVStoreTool.compact(store.toString(), false);
    StoreFiles.truncate(store, Files.size(store) / 2);

    assertThat(refusedStart()).containsAnyOf("is damaged and cannot be read", "holds no database H2 can read")
        .contains("ShotClock has not changed it").contains("Restore it from a backup");
  }

  @Test
  void a_store_whose_schema_a_newer_shotclock_migrated_is_refused_with_upgrade_advice() throws Exception {
    createRealStore();
    String url = "jdbc:h2:" + store.toString().replaceFirst("\\.mv\\.db$", "");
    try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement st = c.createStatement()) {
      st.execute("INSERT INTO sc_schema_version (version, name, checksum, applied_at)"
          + " VALUES (999, 'from_a_newer_shotclock', 1, CURRENT_TIMESTAMP)");
      st.execute("SHUTDOWN");
    }

    assertThat(refusedStart()).contains("has schema version 999")
        .contains("it was last used by a newer ShotClock").contains("Upgrade ShotClock");
  }

  @Test
  void a_store_file_of_a_newer_h2_format_is_refused_with_upgrade_advice() throws Exception {
    createRealStore();
    StoreFiles.rewriteFormat(store, 4);

    assertThat(refusedStart()).contains("was written by a newer H2 database engine")
        .contains("Upgrade ShotClock to the version that wrote it, or restore a backup");
  }
}
