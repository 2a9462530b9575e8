package dev.shotclock.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import javax.sql.DataSource;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.StdSchedulerFactory;

/**
 * Plain Quartz 2.5 with the JDBC job-store settings ShotClock uses (JobStoreTX, useProperties,
 * acquireTriggersWithinLock, batch acquisition of min(10, threads), same misfire threshold) and
 * the same thread count and pool size, on Quartz's own Hikari provider. Its tables come from the
 * same DDL (ShotClock's V001: Quartz's tables plus indexes), so only the layer above differs.
 */
public final class PlainQuartz {

  /** ShotClock's default {@code scheduler.threads}. */
  public static final int THREADS = 10;

  private PlainQuartz() {}

  public static Scheduler create(BenchStore store, int threads) throws SchedulerException {
    Properties p = new Properties();
    p.setProperty("org.quartz.scheduler.instanceName", "PlainQuartz");
    p.setProperty("org.quartz.scheduler.instanceId", "bench-node");
    p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
    p.setProperty("org.quartz.scheduler.batchTriggerAcquisitionMaxCount",
        Integer.toString(Math.min(10, threads)));
    p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
    p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(threads));
    p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
    p.setProperty("org.quartz.jobStore.driverDelegateClass", store.isPostgres()
        ? "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate"
        : "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
    p.setProperty("org.quartz.jobStore.dataSource", "qds");
    p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
    p.setProperty("org.quartz.jobStore.useProperties", "true");
    p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
    p.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
    p.setProperty("org.quartz.jobStore.isClustered", "false");
    p.setProperty("org.quartz.dataSource.qds.provider", "hikaricp");
    p.setProperty("org.quartz.dataSource.qds.driver",
        store.isPostgres() ? "org.postgresql.Driver" : "org.h2.Driver");
    p.setProperty("org.quartz.dataSource.qds.URL", store.url());
    p.setProperty("org.quartz.dataSource.qds.user", store.user());
    p.setProperty("org.quartz.dataSource.qds.password", "");
    // ShotClock gives Quartz threads + 3 connections (its one extra housekeeping thread aside)
    p.setProperty("org.quartz.dataSource.qds.maxConnections", Integer.toString(threads + 3));
    return new StdSchedulerFactory(p).getScheduler();
  }

  /** Creates the QRTZ_ tables from ShotClock's own V001 script for the store's dialect. */
  public static void createTables(DataSource ds, BenchStore store) throws IOException, SQLException {
    String path = "db/" + (store.isPostgres() ? "postgresql" : "h2") + "/V001__quartz.sql";
    String script;
    try (InputStream in = PlainQuartz.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IOException(path + " not on the class path");
      }
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
      for (String sql : SqlScript.statements(script)) {
        st.execute(sql.replace("'ShotClock'", "'PlainQuartz'"));
      }
    }
  }
}
