package dev.shotclock.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.shotclock.config.StoreSettings;
import dev.shotclock.testsupport.MutableClock;
import dev.shotclock.testsupport.StoreFiles;
import dev.shotclock.testsupport.StoreFixture;
import dev.shotclock.testsupport.TestStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read-only look at an H2 store file before the daemon opens it: real files, damaged the ways
 * the field damages them; whatever it finds, the file's bytes stay as they were.
 */
class StoreOpenCheckTest {

  @TempDir Path dir;
  final MutableClock clock = MutableClock.at("2026-12-08T00:00:00Z");

  private StoreSettings h2() {
    return TestStores.h2(dir);
  }

  private Path file() {
    return H2StoreFile.of(h2().url()).orElseThrow();
  }

  /** A real store, migrated and closed as a stopped daemon leaves it. */
  private Path realStore() {
    StoreFixture.migrated(TestStores.Kind.H2, dir, clock).close();
    return file();
  }

  private StoreUnusableException refused() {
    StoreUnusableException e = catchThrowableOfType(StoreUnusableException.class, () -> StoreOpenCheck.verify(h2()));
    assertThat(e).as("refused").isNotNull();
    return e;
  }

  @Test
  void a_healthy_store_passes_and_is_not_written() throws Exception {
    Path file = realStore();
    String before = StoreFiles.sha256(file);

    assertThatCode(() -> StoreOpenCheck.verify(h2())).doesNotThrowAnyException();

    assertThat(StoreFiles.sha256(file)).isEqualTo(before);
    assertThat(Files.list(file.getParent())).containsExactly(file);
  }

  @Test
  void no_file_yet_or_an_empty_one_has_nothing_to_lose_and_passes() throws Exception {
    assertThatCode(() -> StoreOpenCheck.verify(h2())).doesNotThrowAnyException();
    assertThat(file()).doesNotExist();
    Files.createDirectories(file().getParent());
    Files.createFile(file());

    assertThatCode(() -> StoreOpenCheck.verify(h2())).doesNotThrowAnyException();
    assertThat(file()).isEmptyFile();
  }

  @Test
  void garbage_is_refused_as_damaged_naming_the_file_and_both_ways_out() throws Exception {
    StoreFiles.fillWithGarbage(file(), 200_000);
    String before = StoreFiles.sha256(file());

    StoreUnusableException e = refused();

    assertThat(e.getMessage()).startsWith("the store file " + file() + " is damaged and cannot be read (H2: ")
        .contains("ShotClock has not changed it.")
        .contains("Restore it from a backup")
        .contains("mv " + file() + " " + file() + ".broken");
    assertThat(StoreFiles.sha256(file())).isEqualTo(before);
  }

  @Test
  void a_store_cut_in_half_is_refused_as_damaged() throws Exception {
    Path file = realStore();
    // Compacted, as a graceful stop leaves it: live data all through the file. (The daemon's store
    // appends every commit, so an uncompacted file cut short still holds a complete older state,
    // which H2 opens as it would after a crash.)
    org.h2.mvstore.MVStoreTool.compact(file.toString(), false);
    StoreFiles.truncate(file, Files.size(file) / 2);
    String before = StoreFiles.sha256(file);

    // H2 answers a compacted file cut short as damaged or as no database at all, depending on
    // where the cut falls; either way the start is refused and the file left as it was.
    assertThat(refused().getMessage()).containsAnyOf("is damaged and cannot be read", "holds no database H2 can read")
        .contains("ShotClock has not changed it").contains("Restore it from a backup");
    assertThat(StoreFiles.sha256(file)).isEqualTo(before);
  }

  @Test
  void a_store_cut_down_to_its_headers_is_refused_where_h2_would_start_an_empty_one_over_it() throws Exception {
    Path file = realStore();
    StoreFiles.truncate(file, 2 * StoreFiles.HEADER_BLOCK);
    String before = StoreFiles.sha256(file);

    assertThat(refused().getMessage()).startsWith("the store file " + file + " (8192 bytes) holds no database H2 can read")
        .contains("would silently start an empty store over it");
    assertThat(StoreFiles.sha256(file)).isEqualTo(before);
  }

  @Test
  void a_file_of_a_newer_h2_format_is_refused_with_upgrade_advice() throws Exception {
    Path file = realStore();
    StoreFiles.rewriteFormat(file, 4);
    String before = StoreFiles.sha256(file);

    assertThat(refused().getMessage()).contains("was written by a newer H2 database engine")
        .contains("The read format 4 is larger than the supported format 3")
        .contains("Upgrade ShotClock to the version that wrote it, or restore a backup");
    assertThat(StoreFiles.sha256(file)).isEqualTo(before);
  }

  @Test
  void a_file_of_an_older_h2_format_is_refused_with_export_advice() throws Exception {
    Path file = realStore();
    StoreFiles.rewriteFormat(file, 1);

    assertThat(refused().getMessage()).contains("was written by an older H2 database engine")
        .contains("The read format 1 is smaller than the supported format 3")
        .contains("(SCRIPT)").contains("or restore it from a backup");
  }

  @Test
  void a_store_migrated_by_a_newer_shotclock_is_refused_before_it_is_opened_for_writing() throws Exception {
    try (StoreFixture store = StoreFixture.migrated(TestStores.Kind.H2, dir, clock)) {
      store.jdbc().update("INSERT INTO sc_schema_version (version, name, checksum, applied_at)"
          + " VALUES (999, 'from_the_future', 1, ?)", a -> a.instant(clock.instant()));
    }
    String before = StoreFiles.sha256(file());
    int known = Migrator.load(Dialect.H2).get(Migrator.load(Dialect.H2).size() - 1).version();

    assertThat(refused().getMessage()).startsWith("the store file " + file() + " has schema version 999")
        .contains("this ShotClock knows versions up to " + known)
        .contains("Upgrade ShotClock to that version or a later one, or restore a backup");
    assertThat(StoreFiles.sha256(file())).isEqualTo(before);
  }

  @Test
  void postgresql_is_not_looked_at_here() {
    StoreSettings pg = new StoreSettings("jdbc:postgresql://127.0.0.1:1/nowhere", "u", "p", 1,
        Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1));

    assertThatCode(() -> StoreOpenCheck.verify(pg)).doesNotThrowAnyException();
  }

  @Test
  void the_look_is_read_only_never_creates_and_runs_no_init_script() {
    assertThat(StoreOpenCheck.readOnlyUrl("jdbc:h2:retry:/s/db/shotclock;LOCK_TIMEOUT=10000;"
            + "init=RUNSCRIPT FROM 'x.sql';DB_CLOSE_DELAY=-1;WRITE_DELAY=0"))
        .isEqualTo("jdbc:h2:retry:/s/db/shotclock;LOCK_TIMEOUT=10000;WRITE_DELAY=0"
            + ";ACCESS_MODE_DATA=r;IFEXISTS=TRUE;DB_CLOSE_DELAY=0");
  }
}
