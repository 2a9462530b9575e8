package dev.shotclock.db;

import java.sql.SQLException;

/** Any failure talking to the store. Unchecked: callers decide whether they can do anything. */
public class DbException extends RuntimeException {

  public DbException(String message, Throwable cause) {
    super(message, cause);
  }

  public DbException(String message) {
    super(message);
  }

  /**
   * Whether the store could not be reached (refused, reset, timed out, shutting down), as opposed
   * to a statement it refused: only the first kind is worth retrying unchanged.
   */
  public static boolean isConnectionFailure(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof java.sql.SQLTransientConnectionException
          || c instanceof java.sql.SQLNonTransientConnectionException
          || c instanceof java.sql.SQLRecoverableException
          || c instanceof java.net.SocketException
          || c instanceof java.net.SocketTimeoutException) {
        return true;
      }
      if (c instanceof SQLException sql && sql.getSQLState() != null
          && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
        return true;
      }
    }
    return false;
  }

  static DbException wrap(String sql, SQLException e) {
    if (UniqueViolation.is(e)) {
      return new UniqueViolation(sql, e);
    }
    return new DbException(e.getMessage() + " [SQLState " + e.getSQLState() + "] in: " + oneLine(sql), e);
  }

  static String oneLine(String sql) {
    String s = sql.replaceAll("\\s+", " ").trim();
    return s.length() > 200 ? s.substring(0, 200) + "…" : s;
  }

  /** A unique or primary key was violated: usually a race another writer won. */
  public static final class UniqueViolation extends DbException {
    UniqueViolation(String sql, SQLException cause) {
      super("duplicate key: " + cause.getMessage() + " in: " + oneLine(sql), cause);
    }

    static boolean is(SQLException e) {
      return "23505".equals(e.getSQLState());
    }
  }
}
