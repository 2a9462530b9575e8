package dev.shotclock.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** Reads one result row by column name, null-safe. */
public final class Row {

  private final ResultSet rs;

  Row(ResultSet rs) {
    this.rs = rs;
  }

  /** The first column as a number; 0 when null. */
  public long firstLong() throws SQLException {
    return rs.getLong(1);
  }

  public String string(String column) throws SQLException {
    return rs.getString(column);
  }

  public long longValue(String column) throws SQLException {
    return rs.getLong(column);
  }

  public Long nullableLong(String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }

  public int intValue(String column) throws SQLException {
    return rs.getInt(column);
  }

  public Integer nullableInt(String column) throws SQLException {
    int v = rs.getInt(column);
    return rs.wasNull() ? null : v;
  }

  public boolean bool(String column) throws SQLException {
    return rs.getBoolean(column);
  }

  public Instant instant(String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  public LocalDate date(String column) throws SQLException {
    return rs.getObject(column, LocalDate.class);
  }

  public <E extends Enum<E>> E enumValue(String column, Class<E> type) throws SQLException {
    String v = rs.getString(column);
    return v == null ? null : Enum.valueOf(type, v);
  }
}
