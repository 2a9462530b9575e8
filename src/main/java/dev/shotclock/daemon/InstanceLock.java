package dev.shotclock.daemon;

import dev.shotclock.db.Dialect;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import dev.shotclock.config.StoreSettings;
import java.sql.DriverManager;
import java.util.Properties;

/**
 * One daemon per store. An OS file lock in the state directory (released by the kernel when the
 * process dies, so a crash never leaves a stale lock), and for a PostgreSQL store also a session
 * advisory lock, which covers a second daemon on another host pointed at the same database.
 */
final class InstanceLock implements AutoCloseable {

  /** Another daemon holds the lock: the caller exits 3. */
  static final class HeldElsewhere extends RuntimeException {
    HeldElsewhere(String message) {
      super(message);
    }
  }

  private static final int PG_LOCK_CLASS = 0x5C0C;
  private static final int PG_NODE_CLASS = 0x5C0D;
  private static final int PG_SYNC_CLASS = 0x5C0E;

  private final FileChannel channel;
  private final FileLock fileLock;
  private Connection pgSession;
  private StoreSettings store;
  private boolean clustered;
  private String nodeId;

  private InstanceLock(FileChannel channel, FileLock fileLock) {
    this.channel = channel;
    this.fileLock = fileLock;
  }

  /** Takes the state-directory lock and writes our pid into the lock file. */
  static InstanceLock acquire(Path stateDir) throws IOException {
    Files.createDirectories(stateDir);
    Path file = stateDir.resolve("shotclockd.lock");
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      String holder = Files.readString(file).trim();
      channel.close();
      throw new HeldElsewhere("another ShotClock daemon" + (holder.isEmpty() ? "" : " (pid " + holder + ")")
          + " is already running on state directory " + stateDir + " (lock file " + file + ")");
    }
    channel.truncate(0);
    channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
    channel.force(true);
    return new InstanceLock(channel, lock);
  }

  /**
   * For PostgreSQL, also holds advisory locks keyed by the schema for as long as the daemon runs,
   * on a connection of its own. A single node holds the store's lock exclusively; a cluster node
   * holds it shared (so nodes of one cluster coexist, and a single node and a cluster refuse
   * each other) plus an exclusive lock on its node id (so two processes never share an id).
   */
  synchronized void lockStore(StoreSettings store, boolean clustered, String nodeId) throws SQLException {
    if (Dialect.forUrl(store.url()) != Dialect.POSTGRES) {
      return; // an H2 file store is only ever opened by this process: the file lock covers it
    }
    this.store = store;
    this.clustered = clustered;
    this.nodeId = nodeId;
    Connection c = connect(store);
    try {
      if (clustered) {
        lockAsClusterNode(c, store, nodeId);
      } else {
        lockAsSingleNode(c, store);
      }
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw e;
    }
    pgSession = c;
  }

  private static void lockAsSingleNode(Connection c, StoreSettings store) throws SQLException {
    if (tryLock(c, "pg_try_advisory_lock", PG_LOCK_CLASS, "")) {
      return;
    }
    if (tryLock(c, "pg_try_advisory_lock_shared", PG_LOCK_CLASS, "")) {
      throw new HeldElsewhere("store " + store.maskedUrl() + " is used by a ShotClock cluster"
          + " (nodes with cluster.enabled: true are running on it) and this node has cluster.enabled:"
          + " false; a single node must not share a cluster's store: set cluster.enabled: true and a"
          + " node_id of its own to join the cluster, or use another store");
    }
    throw new HeldElsewhere("another non-clustered ShotClock daemon is already using store "
        + store.maskedUrl() + " (PostgreSQL advisory lock held)");
  }

  private static void lockAsClusterNode(Connection c, StoreSettings store, String nodeId) throws SQLException {
    if (!tryLock(c, "pg_try_advisory_lock_shared", PG_LOCK_CLASS, "")) {
      throw new HeldElsewhere("store " + store.maskedUrl() + " is used by a non-clustered ShotClock"
          + " daemon (cluster.enabled: false) and this node has cluster.enabled: true; stop that"
          + " daemon and set cluster.enabled: true on it too, or use another store");
    }
    if (!tryLock(c, "pg_try_advisory_lock", PG_NODE_CLASS, "/" + nodeId)) {
      throw new HeldElsewhere("node id " + nodeId + " is already running in the cluster on store "
          + store.maskedUrl() + "; every node needs a node_id of its own (conf/shotclock.yaml node_id)");
    }
  }

  /** Locks (class, hash of schema + suffix): the schema keys the lock to this store. */
  private static boolean tryLock(Connection c, String function, int lockClass, String keySuffix) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT " + function + "(?, hashtext(current_schema() || ?))")) {
      ps.setInt(1, lockClass);
      ps.setString(2, keySuffix);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  /**
   * Runs {@code work} while no other node of the cluster runs its own: nodes that start (or
   * reload) together would otherwise both insert the same new workflow rows and Quartz jobs, and
   * the loser would fail. A single node, or H2, has no one to wait for.
   */
  synchronized void whileNoOtherNodeSyncs(Runnable work) throws SQLException {
    if (pgSession == null || !clustered) {
      work.run();
      return;
    }
    try (PreparedStatement ps = pgSession.prepareStatement(
        "SELECT pg_advisory_lock(?, hashtext(current_schema()))")) {
      ps.setInt(1, PG_SYNC_CLASS);
      ps.execute();
    }
    try {
      work.run();
    } finally {
      try (PreparedStatement ps = pgSession.prepareStatement(
          "SELECT pg_advisory_unlock(?, hashtext(current_schema()))")) {
        ps.setInt(1, PG_SYNC_CLASS);
        ps.execute();
      }
    }
  }

  /** A connection outside the pools: the pools recycle connections, which would drop the lock. */
  private static Connection connect(StoreSettings store) throws SQLException {
    Properties props = new Properties();
    if (store.username() != null) {
      props.setProperty("user", store.username());
    }
    if (store.password() != null) {
      props.setProperty("password", store.password());
    }
    props.setProperty("connectTimeout", String.valueOf(Math.max(1, store.connectTimeout().toSeconds())));
    props.setProperty("tcpKeepAlive", "true");
    props.setProperty("ApplicationName", "shotclock-instance-lock");
    return DriverManager.getConnection(store.url(), props);
  }

  /**
   * After a store outage: the advisory lock went with its session, so takes it again (on
   * PostgreSQL; nothing to do for H2).
   *
   * @throws HeldElsewhere when another daemon took the store meanwhile: this one must not schedule
   */
  synchronized void ensureStoreLock() throws SQLException {
    if (store == null || (pgSession != null && pgSession.isValid(2))) {
      return;
    }
    if (pgSession != null) {
      try {
        pgSession.close();
      } catch (SQLException ignored) {
        // the session is gone already
      }
      pgSession = null;
    }
    lockStore(store, clustered, nodeId);
  }

  @Override
  public void close() throws IOException {
    if (pgSession != null) {
      try {
        pgSession.close();
      } catch (SQLException ignored) {
        // closing the session releases the advisory lock anyway
      }
    }
    fileLock.release();
    channel.close();
  }
}
