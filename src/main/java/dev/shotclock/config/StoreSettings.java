package dev.shotclock.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The JDBC store. An H2 file under the state directory unless {@code url} names another database.
 * Every timeout is finite: a silent network partition must never hang a scheduler thread.
 */
public record StoreSettings(
    String url,
    String username,
    String password,
    int poolSize,
    Duration connectTimeout,
    Duration socketTimeout,
    Duration validationTimeout) {

  /**
   * The embedded store. WRITE_DELAY=0 writes each commit through to the file at once: H2 would
   * otherwise keep up to a second of commits in memory, and a kill -9 would lose them (a run
   * recorded RUNNING, or a fired trigger, that then never existed). REUSE_SPACE=FALSE appends every
   * commit at the end of the file: with space reuse, H2 2.x's crash recovery can stop at an older
   * chunk and drop the commits after it (see {@code db.H2FileStore}, which also compacts the file
   * that this makes grow). The {@code retry:} file system reopens the file when a thread is
   * interrupted during a write: with plain {@code file:}, an interrupt (Quartz interrupts its
   * scheduler thread on shutdown) closes the channel and with it the whole database, for every
   * connection. DB_CLOSE_ON_EXIT=FALSE: the daemon closes the store itself, last, after recording
   * its stop; H2's own shutdown hook would run beside the daemon's and close the database under
   * the graceful stop.
   */
  public static String defaultH2Url(Path stateDir) {
    return "jdbc:h2:retry:" + stateDir.resolve("db/shotclock")
        + ";LOCK_TIMEOUT=10000;WRITE_DELAY=0;REUSE_SPACE=FALSE;DB_CLOSE_ON_EXIT=FALSE";
  }

  /**
   * The settings of {@link #defaultH2Url} that an H2 URL of the operator's lacks, each of which
   * makes a {@code kill -9} lose confirmed results; empty for PostgreSQL. Only meaningful for a
   * file this process opens: the caller leaves out in-memory and server URLs.
   */
  public List<String> missingH2DurabilitySettings() {
    if (!isH2()) {
      return List.of();
    }
    String upper = url.toUpperCase(Locale.ROOT).replace(" ", "");
    return Stream.of("WRITE_DELAY=0", "REUSE_SPACE=FALSE").filter(flag -> !upper.contains(";" + flag)).toList();
  }

  public boolean isPostgres() {
    return url.startsWith("jdbc:postgresql:");
  }

  public boolean isH2() {
    return url.startsWith("jdbc:h2:");
  }

  /** The URL with any password parameter masked, for logs and status output. */
  public String maskedUrl() {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1****");
  }

  @Override
  public String toString() {
    return "StoreSettings[url=" + maskedUrl() + ", username=" + username + ", poolSize=" + poolSize
        + ", connectTimeout=" + connectTimeout + ", socketTimeout=" + socketTimeout
        + ", validationTimeout=" + validationTimeout + "]";
  }
}
