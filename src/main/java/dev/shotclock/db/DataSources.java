package dev.shotclock.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.shotclock.config.StoreSettings;

/**
 * Builds HikariCP pools for the store with every timeout finite: connect, socket (PostgreSQL),
 * validation, and the pool's own connection timeout. A silent network partition then fails a
 * statement within the socket timeout instead of hanging a scheduler thread for hours.
 */
public final class DataSources {

  private DataSources() {}

  /**
   * A one-connection pool for the store-outage probe: it must answer "reachable or not" within
   * about two seconds, whatever the store's own connect timeout, so an outage is noticed fast.
   */
  public static HikariDataSource probe(StoreSettings store, String poolName) {
    HikariDataSource ds = create(store, poolName, 1, null);
    ds.setConnectionTimeout(2000);
    ds.setValidationTimeout(1000);
    return ds;
  }

  /**
   * @param poolName shows in logs and thread names
   * @param size maximum connections
   */
  public static HikariDataSource create(StoreSettings store, String poolName, int size) {
    return create(store, poolName, size, null);
  }

  /** The same, reporting pool metrics (connections active, idle, pending, timeouts) to a registry. */
  public static HikariDataSource create(StoreSettings store, String poolName, int size,
      io.micrometer.core.instrument.MeterRegistry metrics) {
    HikariConfig cfg = new HikariConfig();
    cfg.setPoolName(poolName);
    cfg.setJdbcUrl(store.url());
    if (store.username() != null) {
      cfg.setUsername(store.username());
    }
    if (store.password() != null) {
      cfg.setPassword(store.password());
    }
    cfg.setMaximumPoolSize(size);
    cfg.setMinimumIdle(Math.min(2, size));
    cfg.setConnectionTimeout(Math.max(250, store.connectTimeout().toMillis()));
    cfg.setValidationTimeout(Math.max(250, store.validationTimeout().toMillis()));
    cfg.setInitializationFailTimeout(store.connectTimeout().toMillis());
    cfg.setAutoCommit(true);
    if (metrics != null) {
      cfg.setMetricRegistry(metrics);
    }
    if (store.isPostgres()) {
      long connectSeconds = Math.max(1, store.connectTimeout().toSeconds());
      cfg.addDataSourceProperty("connectTimeout", String.valueOf(connectSeconds));
      cfg.addDataSourceProperty("loginTimeout", String.valueOf(connectSeconds));
      cfg.addDataSourceProperty("socketTimeout", String.valueOf(Math.max(1, store.socketTimeout().toSeconds())));
      cfg.addDataSourceProperty("tcpKeepAlive", "true");
      cfg.addDataSourceProperty("ApplicationName", poolName);
    }
    return new HikariDataSource(cfg);
  }
}
