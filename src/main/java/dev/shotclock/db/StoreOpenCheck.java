package dev.shotclock.db;

import dev.shotclock.config.StoreSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.h2.jdbcx.JdbcDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens an existing H2 store file read-only, before anything opens it for writing, and refuses one
 * this build must not use ({@link StoreUnusableException}). Opened read-write, H2 would re-create a
 * file cut short to its headers as an empty database, silently, and a damaged file would only
 * show as a stack trace after the pool's retries; the read-only open writes nothing, whatever it
 * finds. PostgreSQL needs no such look: {@link Migrator} refuses a newer schema before it changes
 * anything.
 */
public final class StoreOpenCheck {

  private static final Logger LOG = LoggerFactory.getLogger(StoreOpenCheck.class);
  // org.h2.api.ErrorCode values, by number: the codes H2 answers an unusable file with.
  private static final int FILE_CORRUPTED = 90030;
  private static final int FILE_VERSION_ERROR = 90048;
  private static final int DATABASE_IS_READ_ONLY = 90097;
  /** Options of the configured URL that the read-only look sets itself. */
  private static final Set<String> REPLACED_OPTIONS =
      Set.of("ACCESS_MODE_DATA", "DB_CLOSE_DELAY", "IFEXISTS", "INIT");

  private StoreOpenCheck() {}

  /**
   * Refuses an H2 store file that is damaged, of another H2 file format, or migrated by a newer
   * ShotClock. Nothing to do for PostgreSQL, in-memory H2, or a file not created yet (or empty:
   * then there is nothing in it to lose).
   *
   * @throws StoreUnusableException naming the file and what to do
   */
  public static void verify(StoreSettings store) {
    Optional<Path> file = H2StoreFile.of(store.url()).filter(StoreOpenCheck::hasContent);
    if (file.isEmpty()) {
      return;
    }
    JdbcDataSource readOnly = new JdbcDataSource();
    readOnly.setURL(readOnlyUrl(store.url()));
    readOnly.setUser(store.username() == null ? "" : store.username());
    readOnly.setPassword(store.password() == null ? "" : store.password());
    int newest;
    try {
      newest = new Jdbc(readOnly, Dialect.H2).inTransaction(StoreOpenCheck::newestSchemaVersion);
    } catch (DbException e) {
      Optional<StoreUnusableException> refusal = unusable(file.get(), e);
      if (refusal.isPresent()) {
        throw refusal.get();
      }
      // Locked by another process, a wrong password...: the read-write open that follows reports
      // it as it always has.
      LOG.debug("read-only look at {} inconclusive: {}", file.get(), e.toString());
      return;
    }
    Migrator.refuseNewer(newest, Migrator.load(Dialect.H2), "the store file " + file.get());
  }

  /**
   * The configured URL, opened read-only, never created, closed with its last connection (so the
   * pools that follow open it afresh, read-write), and without INIT scripts, which may write.
   */
  static String readOnlyUrl(String url) {
    String[] parts = url.split(";");
    String kept = Arrays.stream(parts).skip(1).filter(o -> !REPLACED_OPTIONS.contains(optionName(o)))
        .map(o -> ";" + o).collect(Collectors.joining());
    return parts[0] + kept + ";ACCESS_MODE_DATA=r;IFEXISTS=TRUE;DB_CLOSE_DELAY=0";
  }

  private static String optionName(String option) {
    int eq = option.indexOf('=');
    return (eq < 0 ? option : option.substring(0, eq)).trim().toUpperCase(Locale.ROOT);
  }

  private static int newestSchemaVersion(Jdbc tx) {
    long tables = tx.queryLong("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES"
        + " WHERE TABLE_SCHEMA = SCHEMA() AND TABLE_NAME = 'SC_SCHEMA_VERSION'", Jdbc.Binder.NONE);
    // No table yet: a store whose first start stopped before the migrations; they will run.
    return tables == 0 ? 0 : (int) tx.queryLong("SELECT MAX(version) FROM sc_schema_version", Jdbc.Binder.NONE);
  }

  /** What H2's refusal means, when it means the file is unusable; empty for anything else. */
  static Optional<StoreUnusableException> unusable(Path file, Throwable failure) {
    SQLException sql = firstSqlException(failure);
    if (sql == null) {
      return Optional.empty();
    }
    String h2Says = deepestMessage(sql);
    return switch (sql.getErrorCode()) {
      case FILE_CORRUPTED -> Optional.of(StoreUnusableException.damaged(file, h2Says));
      case FILE_VERSION_ERROR -> Optional.of(StoreUnusableException.otherFormat(file,
          !h2Says.contains("smaller than the supported"), h2Says));
      case DATABASE_IS_READ_ONLY -> Optional.of(StoreUnusableException.noDatabase(file, size(file)));
      default -> Optional.empty();
    };
  }

  private static SQLException firstSqlException(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SQLException sql) {
        return sql;
      }
    }
    return null;
  }

  /** The innermost cause's message: H2's own words (e.g. "The read format 4 is larger ..."). */
  private static String deepestMessage(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    String message = c.getMessage() == null ? c.toString() : c.getMessage();
    return message.replaceAll("\\s*\\[[0-9./-]+]$", "");
  }

  private static boolean hasContent(Path file) {
    return Files.isRegularFile(file) && size(file) > 0;
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the size of the store file " + file, e);
    }
  }
}
