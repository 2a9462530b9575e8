package dev.shotclock.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The one JDBC helper: parameterised statements, row mapping, transactions. Turns every {@link
 * SQLException} into a {@link DbException}. A {@code Jdbc} either borrows a pooled connection per
 * call (auto-commit) or, inside {@link #inTransaction}, uses the transaction's connection.
 */
public final class Jdbc {

  /** Sets the parameters of a statement. */
  @FunctionalInterface
  public interface Binder {
    Binder NONE = a -> {};

    void bind(Args args) throws SQLException;
  }

  /** Maps the current row. */
  @FunctionalInterface
  public interface Mapper<T> {
    T map(Row row) throws SQLException;
  }

  /** Work done inside one transaction. */
  @FunctionalInterface
  public interface TxWork<T> {
    T run(Jdbc tx);
  }

  private final DataSource dataSource;
  private final Dialect dialect;
  private final Connection txConnection;

  public Jdbc(DataSource dataSource, Dialect dialect) {
    this(dataSource, dialect, null);
  }

  private Jdbc(DataSource dataSource, Dialect dialect, Connection txConnection) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.txConnection = txConnection;
  }

  public Dialect dialect() {
    return dialect;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public <T> List<T> query(String sql, Binder binder, Mapper<T> mapper) {
    return withConnection(sql, c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        binder.bind(new Args(ps));
        try (ResultSet rs = ps.executeQuery()) {
          List<T> out = new ArrayList<>();
          Row row = new Row(rs);
          while (rs.next()) {
            out.add(mapper.map(row));
          }
          return out;
        }
      }
    });
  }

  public <T> Optional<T> queryOne(String sql, Binder binder, Mapper<T> mapper) {
    List<T> rows = query(sql, binder, mapper);
    return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
  }

  /** The first column of the first row as a number, 0 when there is no row or it is null. */
  public long queryLong(String sql, Binder binder) {
    return queryOne(sql, binder, r -> r.firstLong()).orElse(0L);
  }

  /** Runs an INSERT, UPDATE or DELETE; returns the number of rows changed. */
  public int update(String sql, Binder binder) {
    return withConnection(sql, c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        binder.bind(new Args(ps));
        return ps.executeUpdate();
      }
    });
  }

  /** Runs an INSERT into a table with a generated {@code id} column; returns the new id. */
  public long insert(String sql, Binder binder) {
    return withConnection(sql, c -> {
      try (PreparedStatement ps = c.prepareStatement(sql, new String[] {"id"})) {
        binder.bind(new Args(ps));
        ps.executeUpdate();
        try (ResultSet keys = ps.getGeneratedKeys()) {
          if (!keys.next()) {
            throw new DbException("no generated id returned by: " + DbException.oneLine(sql));
          }
          return keys.getLong(1);
        }
      }
    });
  }

  /** Runs the same statement once per binder, as one JDBC batch. */
  public int[] batch(String sql, List<Binder> binders) {
    return withConnection(sql, c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        for (Binder b : binders) {
          b.bind(new Args(ps));
          ps.addBatch();
        }
        return ps.executeBatch();
      }
    });
  }

  /** Runs plain SQL without parameters (DDL, session settings). */
  public void execute(String sql) {
    withConnection(sql, c -> {
      try (Statement st = c.createStatement()) {
        st.execute(sql);
        return null;
      }
    });
  }

  /**
   * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws.
   * Nested calls join the outer transaction.
   */
  public <T> T inTransaction(TxWork<T> work) {
    if (txConnection != null) {
      return work.run(this);
    }
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        T result = work.run(new Jdbc(dataSource, dialect, c));
        c.commit();
        return result;
      } catch (RuntimeException | Error e) {
        rollbackQuietly(c, e);
        throw e;
      } finally {
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw DbException.wrap("<transaction>", e);
    }
  }

  private static void rollbackQuietly(Connection c, Throwable cause) {
    try {
      c.rollback();
    } catch (SQLException rollbackFailure) {
      cause.addSuppressed(rollbackFailure);
    }
  }

  @FunctionalInterface
  private interface ConnectionWork<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> T withConnection(String sql, ConnectionWork<T> work) {
    try {
      if (txConnection != null) {
        return work.run(txConnection);
      }
      try (Connection c = dataSource.getConnection()) {
        return work.run(c);
      }
    } catch (SQLException e) {
      throw DbException.wrap(sql, e);
    }
  }
}
