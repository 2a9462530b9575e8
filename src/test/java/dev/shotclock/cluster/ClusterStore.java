package dev.shotclock.cluster;

import static org.awaitility.Awaitility.await;

import dev.shotclock.config.StoreSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the test reads from the cluster's shared PostgreSQL schema, with plain JDBC on one
 * connection of its own, reopened after the database was stopped: no pool to go stale.
 */
final class ClusterStore {

  private final StoreSettings store;
  private Connection connection;

  ClusterStore(StoreSettings store) {
    this.store = store;
  }

  StoreSettings settings() {
    return store;
  }

  /**
   * The test's one connection, opened again when it broke (the database was restarted). One
   * connection held, not one per query: the machine's PostgreSQL (max_connections 100) is shared
   * with the nodes and with other test runs, and connection churn could starve them.
   */
  synchronized Connection connect() throws SQLException {
    if (connection == null || !connection.isValid(2)) {
      if (connection != null) {
        try {
          connection.close();
        } catch (SQLException e) {
          // broken already
        }
      }
      connection = open();
    }
    return new Borrowed(connection).proxy();
  }

  /**
   * Opens a connection, waiting up to 30 s while the server has no free one (SQLState 53300):
   * the machine's PostgreSQL serves other test runs too, and they may briefly hold every slot.
   */
  private Connection open() {
    AtomicReference<Connection> opened = new AtomicReference<>();
    await("a free PostgreSQL connection").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
        .ignoreExceptionsMatching(e -> e instanceof SQLException s && "53300".equals(s.getSQLState()))
        .until(() -> {
          opened.set(DriverManager.getConnection(store.url(), store.username(),
              store.password() == null ? "" : store.password()));
          return true;
        });
    return opened.get();
  }

  synchronized void close() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        // closing anyway
      }
      connection = null;
    }
  }

  /** The shared connection for one try-with-resources block: close() leaves it open. */
  private record Borrowed(Connection target) implements java.lang.reflect.InvocationHandler {
    Connection proxy() {
      return (Connection) java.lang.reflect.Proxy.newProxyInstance(Connection.class.getClassLoader(),
          new Class<?>[] {Connection.class}, this);
    }

    @Override
    public Object invoke(Object proxy, java.lang.reflect.Method method, Object[] args) throws Throwable {
      if (method.getName().equals("close")) {
        return null;
      }
      try {
        return method.invoke(target, args);
      } catch (java.lang.reflect.InvocationTargetException e) {
        throw e.getCause();
      }
    }
  }

  /** Every run row of these workflows (all when none named). */
  List<SlotChecker.RunRow> runs(String... workflows) throws SQLException {
    String where = workflows.length == 0 ? "" : " WHERE workflow_id = ANY (?)";
    List<SlotChecker.RunRow> out = new ArrayList<>();
    try (Connection c = connect();
        PreparedStatement ps = c.prepareStatement("SELECT id, workflow_id, scheduled_at, correlation_id, state,"
            + " attempt, node_id, started_at, finished_at FROM sc_runs" + where + " ORDER BY id")) {
      if (workflows.length > 0) {
        ps.setArray(1, c.createArrayOf("varchar", workflows));
      }
      try (ResultSet r = ps.executeQuery()) {
        while (r.next()) {
          out.add(new SlotChecker.RunRow(r.getLong(1), r.getString(2), instant(r, 3), r.getString(4),
              r.getString(5), r.getInt(6), r.getString(7), instant(r, 8), instant(r, 9)));
        }
      }
    }
    return out;
  }

  /** Step rows of the runs of these workflows (all when none named). */
  List<SlotChecker.StepRow> steps(String... workflows) throws SQLException {
    String where = workflows.length == 0 ? "" : " WHERE r.workflow_id = ANY (?)";
    List<SlotChecker.StepRow> out = new ArrayList<>();
    try (Connection c = connect();
        PreparedStatement ps = c.prepareStatement("SELECT s.run_id, s.step_id, s.run_attempt, s.try_number,"
            + " s.state, s.started_at, s.finished_at FROM sc_step_runs s JOIN sc_runs r ON r.id = s.run_id"
            + where + " ORDER BY s.id")) {
      if (workflows.length > 0) {
        ps.setArray(1, c.createArrayOf("varchar", workflows));
      }
      try (ResultSet r = ps.executeQuery()) {
        while (r.next()) {
          out.add(new SlotChecker.StepRow(r.getLong(1), r.getString(2), r.getInt(3), r.getInt(4),
              r.getString(5), instant(r, 6), instant(r, 7)));
        }
      }
    }
    return out;
  }

  /** A single number: {@code SELECT count(*) ...}. */
  long count(String sql, Object... args) throws SQLException {
    try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      try (ResultSet r = ps.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  /** Rows as strings, one per row, columns joined by a blank: for assertions and messages. */
  List<String> rows(String sql, Object... args) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      try (ResultSet r = ps.executeQuery()) {
        int n = r.getMetaData().getColumnCount();
        while (r.next()) {
          StringBuilder b = new StringBuilder();
          for (int i = 1; i <= n; i++) {
            b.append(i > 1 ? " " : "").append(r.getString(i));
          }
          out.add(b.toString());
        }
      }
    }
    return out;
  }

  private static Instant instant(ResultSet r, int col) throws SQLException {
    Timestamp t = r.getTimestamp(col);
    return t == null ? null : t.toInstant();
  }
}
