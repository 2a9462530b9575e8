package dev.shotclock.bench;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Times a peer's claim the way ShotClock's claim is timed: from the execution of a statement
 * whose SQL contains a marker (db-scheduler's "FOR UPDATE SKIP LOCKED" lock-and-fetch) to its
 * commit, so both numbers cover a whole claim transaction.
 */
final class TimedDataSource implements DataSource {

  private final DataSource target;
  private final String marker;
  private final List<Double> timings = Collections.synchronizedList(new ArrayList<>());

  TimedDataSource(DataSource target, String marker) {
    this.target = target;
    this.marker = marker.toLowerCase(Locale.ROOT);
  }

  List<Double> timings() {
    return new ArrayList<>(timings);
  }

  @Override
  public Connection getConnection() throws SQLException {
    return wrap(target.getConnection());
  }

  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    return wrap(target.getConnection(user, password));
  }

  private Connection wrap(Connection c) {
    long[] pending = {0};
    InvocationHandler h = (proxy, method, args) -> {
      if (method.getName().equals("commit") && pending[0] != 0) {
        Object r = invoke(c, method, args);
        timings.add((System.nanoTime() - pending[0]) / 1e6);
        pending[0] = 0;
        return r;
      }
      Object r = invoke(c, method, args);
      if (method.getName().equals("prepareStatement") && args != null && args[0] instanceof String sql
          && sql.toLowerCase(Locale.ROOT).contains(marker)) {
        return timedStatement(c, (PreparedStatement) r, pending);
      }
      return r;
    };
    return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {Connection.class}, h);
  }

  private PreparedStatement timedStatement(Connection c, PreparedStatement ps, long[] pending) {
    InvocationHandler h = (proxy, method, args) -> {
      if (!method.getName().startsWith("execute")) {
        return invoke(ps, method, args);
      }
      long t0 = System.nanoTime();
      Object r = invoke(ps, method, args);
      if (c.getAutoCommit()) {
        timings.add((System.nanoTime() - t0) / 1e6);
      } else {
        pending[0] = t0;
      }
      return r;
    };
    return (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {PreparedStatement.class}, h);
  }

  private static Object invoke(Object target, Method m, Object[] args) throws Throwable {
    try {
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return target.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    target.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    target.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return target.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() {
    return Logger.getGlobal();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return target.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return target.isWrapperFor(iface);
  }
}
