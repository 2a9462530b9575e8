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
