package dev.shotclock.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.shotclock.config.StoreSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a {@code kill -9} leaves of the embedded store. A copy of the file taken while the store is
 * open is exactly what the next start finds after a kill (every write is in the file, nothing was
 * closed), so each test copies the file after each commit and opens the copy, as a restart would.
 */
class H2FileStoreTest {

  @TempDir Path dir;

  /**
   * The cause of the lost commits (issue 17), on H2 alone, without the daemon: with space reuse
   * (H2's default), crash recovery regularly comes back without the newest commit. If this test
   * fails after an H2 upgrade, H2 has fixed its recovery and REUSE_SPACE=FALSE, with the
   * compaction it requires, may be dropped again: re-run the crash loop before doing so.
   */
  @Test
  void h2s_default_space_reuse_loses_the_newest_commit_in_a_crash_copy() throws Exception {
    assertThat(lostAfterCrash(true, 300)).as("commits not recovered from a crash copy").isGreaterThan(30);
  }

  @Test
  void appending_only_every_commit_survives_a_crash_copy() throws Exception {
    assertThat(lostAfterCrash(false, 300)).isZero();
  }

  /** MVStore level: one map, commits of varied size, the newest commit's marker read back from a copy. */
  private int lostAfterCrash(boolean reuseSpace, int commits) throws Exception {
    Path file = dir.resolve("mv-" + reuseSpace + ".mv.db");
    Path copy = dir.resolve("copy.mv.db");
    MVStore store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
    try {
      store.setReuseSpace(reuseSpace);
      store.setRetentionTime(0);
      MVMap<Integer, String> map = store.openMap("data");
      Random random = new Random(1);
      int lost = 0;
      for (int i = 1; i <= commits; i++) {
        map.put(random.nextInt(40), "x".repeat(random.nextInt(3000)));
        map.put(-1, "commit " + i);
        store.commit();
        Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
        MVStore recovered = new MVStore.Builder().fileName(copy.toString()).readOnly().open();
        if (!("commit " + i).equals(recovered.<Integer, String>openMap("data").get(-1))) {
          lost++;
        }
        recovered.closeImmediately();
      }
      return lost;
    } finally {
      store.closeImmediately();
    }
  }

  /**
   * The daemon's own URL and pool, through SQL: rows rewritten in place, an online compaction
   * (which switches space reuse on while it holds the store lock) every 10 commits, and after
   * every commit a crash copy that must hold it. At this size H2's reuse bug does not show through
   * SQL (it does not fail with REUSE_SPACE=TRUE either); what it guards is the compaction.
   */
  @Test
  void the_daemons_store_keeps_every_commit_through_crashes_and_compactions() throws Exception {
    Path state = dir.resolve("var");
    StoreSettings settings = new StoreSettings(StoreSettings.defaultH2Url(state), "sa", "", 4,
        Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5));
    Path file = state.resolve("db/shotclock.mv.db");
    List<Integer> lost = new ArrayList<>();
    try (HikariDataSource ds = DataSources.create(settings, "test", 4)) {
      H2FileStore store = new H2FileStore(ds);
      execute(ds, "CREATE TABLE t(id INT PRIMARY KEY, v VARCHAR(4000), n INT)");
      Random random = new Random(7);
      for (int i = 1; i <= 80; i++) {
        upsert(ds, random.nextInt(30), "y".repeat(random.nextInt(3500)), i);
        if (i % 10 == 5) {
          store.compact(Duration.ofSeconds(5));
        }
        if (newestInCrashCopy(file) != i) {
          lost.add(i);
        }
      }
    }
    assertThat(lost).as("commits missing from the crash copy taken right after them").isEmpty();
  }

  @Test
  void compaction_brings_a_churned_file_back_near_its_live_data() throws Exception {
    Path state = dir.resolve("var");
    StoreSettings settings = new StoreSettings(StoreSettings.defaultH2Url(state), "sa", "", 2,
        Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5));
    try (HikariDataSource ds = DataSources.create(settings, "test", 2)) {
      H2FileStore store = new H2FileStore(ds);
      execute(ds, "CREATE TABLE t(id INT PRIMARY KEY, v VARCHAR(4000), n INT)");
      for (int i = 1; i <= 3000; i++) {
        upsert(ds, i % 50, "z".repeat(2000 + i % 1000), i);
      }
      H2FileStore.Usage before = store.usage().orElseThrow();
      assertThat(H2Compaction.needsCompaction(before)).as("usage %s", before).isTrue();

      H2FileStore.Usage after = new H2Compaction(store).runOnce().orElseThrow();

      assertThat(after.fileBytes()).as("before %s, after %s", before, after)
          .isLessThan(before.fileBytes() / 4);
      long liveAtMost = 50L * 3000;
      assertThat(after.fileBytes()).as("after %s", after).isLessThan(3 * liveAtMost);
      try (Connection c = ds.getConnection();
          ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*), MAX(n) FROM t")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(50);
        assertThat(rs.getInt(2)).isEqualTo(3000);
      }
    }
  }

  @Test
  void a_started_compaction_keeps_a_churned_file_near_its_live_data_by_itself() throws Exception {
    Path state = dir.resolve("var");
    StoreSettings settings = new StoreSettings(StoreSettings.defaultH2Url(state), "sa", "", 2,
        Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5));
    try (HikariDataSource ds = DataSources.create(settings, "test", 2);
        H2Compaction compaction = new H2Compaction(new H2FileStore(ds))) {
      execute(ds, "CREATE TABLE t(id INT PRIMARY KEY, v VARCHAR(4000), n INT)");
      compaction.start();
      for (int i = 1; i <= 3000; i++) {
        upsert(ds, i % 50, "z".repeat(2000 + i % 1000), i);
      }
      long liveAtMost = 50L * 3000;
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
          .until(() -> Files.size(state.resolve("db/shotclock.mv.db")) < 3 * liveAtMost);
    }
  }

  @Test
  void a_store_that_is_not_an_h2_file_has_no_usage() throws Exception {
    StoreSettings mem = new StoreSettings("jdbc:h2:mem:h2filestore", "sa", "", 1,
        Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5));
    try (HikariDataSource ds = DataSources.create(mem, "test", 1)) {
      assertThat(new H2FileStore(ds).usage()).isEmpty();
      assertThat(new H2Compaction(new H2FileStore(ds)).runOnce()).isEmpty();
    }
  }

  private int newestInCrashCopy(Path file) throws Exception {
    Path copyDir = Files.createDirectories(dir.resolve("crash"));
    Files.copy(file, copyDir.resolve("c.mv.db"), StandardCopyOption.REPLACE_EXISTING);
    try (Connection c = DriverManager.getConnection("jdbc:h2:" + copyDir.resolve("c"), "sa", "");
        ResultSet rs = c.createStatement().executeQuery("SELECT MAX(n) FROM t")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static void upsert(HikariDataSource ds, int id, String value, int n) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("MERGE INTO t KEY(id) VALUES (?, ?, ?)")) {
      ps.setInt(1, id);
      ps.setString(2, value);
      ps.setInt(3, n);
      ps.executeUpdate();
    }
  }

  private static void execute(HikariDataSource ds, String sql) throws SQLException {
    try (Connection c = ds.getConnection()) {
      c.createStatement().execute(sql);
    }
  }
}
