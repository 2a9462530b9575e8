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
   * Suffix that makes a row-locking SELECT skip rows other transactions hold. H2 has no SKIP
   * LOCKED; there a plain FOR UPDATE waits, which is still correct, only less concurrent.
   */
  public String skipLocked() {
    return this == POSTGRES ? " FOR UPDATE SKIP LOCKED" : " FOR UPDATE";
  }
}
