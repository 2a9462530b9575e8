package dev.shotclock.config;

import java.time.Duration;

/**
 * The JDBC store. An H2 file under the state directory unless {@code url} names another database.
 * Every timeout is finite: a silent network partition must never hang a scheduler thread.
 */
public record StoreSettings(
    String url,
    String username,
    String password,
    int poolSize,
    Duration connectTimeout,
    Duration socketTimeout,
    Duration validationTimeout) {

  public boolean isPostgres() {
    return url.startsWith("jdbc:postgresql:");
  }

  public boolean isH2() {
    return url.startsWith("jdbc:h2:");
  }

  /** The URL with any password parameter masked, for logs and status output. */
  public String maskedUrl() {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1****");
  }

  @Override
  public String toString() {
    return "StoreSettings[url=" + maskedUrl() + ", username=" + username + ", poolSize=" + poolSize
        + ", connectTimeout=" + connectTimeout + ", socketTimeout=" + socketTimeout
        + ", validationTimeout=" + validationTimeout + "]";
  }
}
