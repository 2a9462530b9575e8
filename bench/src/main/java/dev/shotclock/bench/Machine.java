package dev.shotclock.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;

/** The machine a run happened on, as the report prints it. */
final class Machine {

  private Machine() {}

  static Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("nproc", Runtime.getRuntime().availableProcessors());
    m.put("mem_total", line("/proc/meminfo", "MemTotal:"));
    m.put("cpu", line("/proc/cpuinfo", "model name"));
    m.put("load_average_at_start", first("/proc/loadavg"));
    m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    try (Connection c = DriverManager.getConnection(BenchStore.PG_BASE, BenchStore.PG_USER, "");
        ResultSet rs = c.createStatement().executeQuery(
            "SELECT version(), current_setting('synchronous_commit'), current_setting('fsync')")) {
      rs.next();
      m.put("postgresql", rs.getString(1));
      m.put("pg_synchronous_commit", rs.getString(2));
      m.put("pg_fsync", rs.getString(3));
    } catch (Exception e) {
      m.put("postgresql", "unreachable: " + e.getMessage());
    }
    return m;
  }

  private static String line(String file, String prefix) {
    try {
      return Files.readAllLines(Path.of(file)).stream().filter(l -> l.startsWith(prefix))
          .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
    } catch (Exception e) {
      return "?";
    }
  }

  private static String first(String file) {
    try {
      return Files.readAllLines(Path.of(file)).get(0).trim();
    } catch (Exception e) {
      return "?";
    }
  }
}
