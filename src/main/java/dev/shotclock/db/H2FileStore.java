package dev.shotclock.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;

/**
 * The embedded store's file, seen from inside the process that has it open: its size, how much of
 * it is live data, and compaction.
 *
 * <p>Why this reaches into H2's MVStore: the daemon runs H2 with {@code REUSE_SPACE=FALSE}, so
 * every commit appends its chunk at the end of the file. H2 2.x (checked on 2.5.252) loses
 * committed data after a {@code kill -9} when a chunk is written into reused free space away from
 * the position the previous chunk predicted: the file header is then rewritten, but with the
 * <em>previous</em> chunk ({@code RandomAccessStore.writeChunk} runs before {@code
 * FileStore.storeBuffer} sets {@code lastChunk}), so crash recovery follows the broken prediction
 * and stops there, dropping every later commit until the next header write. Appending only, the
 * newest chunk is the last one in the file and recovery finds it from the end. The price is a file
 * that never reuses space by itself, and with {@code WRITE_DELAY=0} H2's background housekeeping,
 * which would compact, is off too. So compaction is done here, on the daemon's schedule, with
 * space reuse switched on only for its duration and only while the store lock is held, so that no
 * commit of the application lands in reused space. There is no SQL statement for online
 * compaction, hence the internal API; {@code H2FileStoreTest} fails if an H2 upgrade changes it.
 */
public final class H2FileStore {

  /**
   * Size and live data of the file. H2 reports two shares, in whole percents: of the file's blocks
   * in chunks ({@code info.FILL_RATE}) and of those chunks' bytes still live ({@code
   * info.CHUNKS_FILL_RATE}); the live data is the file times both. (With space reuse off, H2 does
   * not free dead chunks until a compaction, so the first share alone stays at 100.)
   */
  public record Usage(long fileBytes, long liveBytes) {

    /** From H2's two shares; {@link StoreSize} reads the same two through SQL. */
    static Usage of(long fileBytes, long fillRate, long chunksFillRate) {
      return new Usage(fileBytes, fileBytes * fillRate * chunksFillRate / 10_000);
    }

    /** The live share in percent. */
    public int fillRate() {
      return fileBytes == 0 ? 100 : (int) (liveBytes * 100 / fileBytes);
    }
  }

  private final DataSource dataSource;

  public H2FileStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Empty when the store is not an H2 file (PostgreSQL, or H2 in memory). */
  public Optional<Usage> usage() {
    return withStore(H2FileStore::usageOf);
  }

  private static Usage usageOf(MVStore mv) {
    FileStore<?> file = mv.getFileStore();
    return Usage.of(file.size(), file.getFillRate(), file.getChunksFillRate());
  }

  /**
   * Rewrites sparse chunks and moves the rest to the start of the file, then truncates it, for at
   * most {@code maxTime}. Commits wait meanwhile (they need the store lock). Returns the usage
   * after, empty if this is no H2 file.
   */
  public Optional<Usage> compact(Duration maxTime) {
    return withStore(mv -> {
      int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, maxTime.toMillis()));
      mv.executeFilestoreOperation(() -> {
        mv.setReuseSpace(true);
        try {
          mv.compactFile(millis);
        } finally {
          mv.setReuseSpace(false);
        }
      });
      return usageOf(mv);
    });
  }

  private interface StoreWork<T> {
    T apply(MVStore store);
  }

  private <T> Optional<T> withStore(StoreWork<T> work) {
    try (Connection c = dataSource.getConnection()) {
      if (!c.isWrapperFor(JdbcConnection.class)) {
        return Optional.empty();
      }
      if (!(c.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
        return Optional.empty();
      }
      var store = session.getDatabase().getStore();
      if (store == null || store.getMvStore().getFileStore() == null
          || store.getMvStore().getFileStore().getFileName() == null) {
        return Optional.empty();
      }
      return Optional.ofNullable(work.apply(store.getMvStore()));
    } catch (SQLException e) {
      throw new DbException("cannot reach the embedded store: " + e.getMessage(), e);
    }
  }
}
