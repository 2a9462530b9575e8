package dev.shotclock.db;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Binds statement parameters in order; nulls and instants (stored in UTC) handled once, here. */
public final class Args {

  private final PreparedStatement ps;
  private int index = 1;

  Args(PreparedStatement ps) {
    this.ps = ps;
  }

  public Args string(String value) throws SQLException {
    if (value == null) {
      ps.setNull(index++, Types.VARCHAR);
    } else {
      ps.setString(index++, value);
    }
    return this;
  }

  public Args longValue(Long value) throws SQLException {
    if (value == null) {
      ps.setNull(index++, Types.BIGINT);
    } else {
      ps.setLong(index++, value);
    }
    return this;
  }

  public Args intValue(Integer value) throws SQLException {
    if (value == null) {
      ps.setNull(index++, Types.INTEGER);
    } else {
      ps.setInt(index++, value);
    }
    return this;
  }

  public Args bool(boolean value) throws SQLException {
    ps.setBoolean(index++, value);
    return this;
  }

  public Args instant(Instant value) throws SQLException {
    if (value == null) {
      ps.setNull(index++, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      ps.setObject(index++, OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
    }
    return this;
  }

  public Args date(java.time.LocalDate value) throws SQLException {
    if (value == null) {
      ps.setNull(index++, Types.DATE);
    } else {
      ps.setObject(index++, value);
    }
    return this;
  }

  /** Binds {@code name()} of an enum, or null. */
  public Args name(Enum<?> value) throws SQLException {
    return string(value == null ? null : value.name());
  }
}
