package dev.shotclock.db;

import java.util.Locale;

/** The few places where H2 and PostgreSQL differ. Chosen once from the JDBC URL. */
public enum Dialect {
  H2("h2"),
  POSTGRES("postgresql");

  private final String resourceDir;

  Dialect(String resourceDir) {
    this.resourceDir = resourceDir;
  }

  public static Dialect forUrl(String jdbcUrl) {
    String url = jdbcUrl.toLowerCase(Locale.ROOT);
    if (url.startsWith("jdbc:h2:")) {
      return H2;
    }
    if (url.startsWith("jdbc:postgresql:")) {
      return POSTGRES;
    }
    throw new IllegalArgumentException(
        "unsupported store URL '" + jdbcUrl + "': use jdbc:h2:... or jdbc:postgresql:...");
  }

  /** Classpath folder of this dialect's migrations: {@code db/<dir>/V00N__*.sql}. */
  public String migrationsDir() {
    return "db/" + resourceDir;
  }

  /**
   * Suffix that makes a row-locking SELECT skip rows other transactions hold. Both stores support
   * it: PostgreSQL since 9.5, H2 in the 2.x line we ship (checked with 2.5.252; the queue's
   * contract test proves it on both).
   */
  public String skipLocked() {
    return " FOR UPDATE SKIP LOCKED";
  }

  /**
   * Whether {@code SELECT ... ORDER BY ... LIMIT n FOR UPDATE [SKIP LOCKED]} locks only the n rows
   * it returns. PostgreSQL stops at the limit. why: H2 (2.5.252) locks every row that matches the
   * WHERE clause before it sorts and limits, and then cannot read an index in order; a LIMIT 1
   * lock on a queue table locks the whole queue. Lock by primary key there instead.
   */
  public boolean limitsRowLocks() {
    return this == POSTGRES;
  }
}
