package dev.shotclock.quartz;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.quartz.utils.ConnectionProvider;

/** Hands Quartz our own pool; the daemon, not Quartz, closes it. */
final class HikariConnectionProvider implements ConnectionProvider {

  private final DataSource dataSource;

  HikariConnectionProvider(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return dataSource.getConnection();
  }

  @Override
  public void shutdown() {
    // The pool belongs to the daemon, which closes it after the scheduler has stopped.
  }

  @Override
  public void initialize() {
    // Nothing to do: the pool is ready when it is handed over.
  }
}
