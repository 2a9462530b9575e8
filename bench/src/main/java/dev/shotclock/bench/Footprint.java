package dev.shotclock.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Footprint of a whole daemon process, ShotClock ({@code bin/shotclockd}) against a minimal
 * plain-Quartz main, both on an H2 file with the same JVM flags:
 * <ul>
 *   <li>cold start: process start to first fire, K workflows of which one fires every second
 *       (both sides wait for the same next whole second, so the alignment costs both alike);
 *       ShotClock's first fire is the first run's started_at in its history, read after stop;
 *   <li>idle: K daily workflows, after S seconds: VmRSS from /proc, and heap used and committed
 *       from {@code jcmd PID GC.heap_info} (no forced GC).
 * </ul>
 */
final class Footprint {

  /** bin/shotclockd's default JVM options, given to both. */
  static final List<String> JVM = List.of("-Xms64m", "-Xmx512m", "-XX:+ExitOnOutOfMemoryError");
  static final String EVERY_SECOND = "* * * * * ?";

  private Footprint() {}

  static Metrics run(String system, Path dir, int workflows, int idleSeconds) throws Exception {
    Metrics m = new Metrics();
    Path coldDir = dir.resolve("cold");
    Process p = start(system, coldDir, workflows, EVERY_SECOND);
    long t0 = p.info().startInstant().map(i -> i.toEpochMilli()).orElseThrow();
    long first = system.equals("shotclock") ? shotclockFirstFire(p, coldDir) : quartzFirstFire(p);
    m.put("start_to_first_fire_ms", first - t0);

    Path idleDir = dir.resolve("idle");
    Process idle = start(system, idleDir, workflows, "0 0 3 * * ?");
    try {
      Thread.sleep(idleSeconds * 1000L);
      m.put("rss_mb", rssKb(idle.pid()) / 1024.0);
      long[] heap = heapKb(idle.pid());
      m.put("heap_used_mb", heap[0] / 1024.0).put("heap_committed_mb", heap[1] / 1024.0);
    } finally {
      stop(idle);
    }
    return m.put("workflows", workflows).put("idle_s", idleSeconds);
  }

  private static Process start(String system, Path dir, int workflows, String firstCron)
      throws IOException {
    Files.createDirectories(dir);
    List<String> cmd = new ArrayList<>();
    if (system.equals("shotclock")) {
      Path conf = ShotClockConf.write(dir, workflows, firstCron);
      cmd.add(Path.of(System.getProperty("bench.home", ".")).resolve("bin/shotclockd").toString());
      cmd.add("--config");
      cmd.add(conf.toString());
    } else {
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.addAll(JVM);
      cmd.add("-cp");
      cmd.add(System.getProperty("java.class.path"));
      cmd.add(MinimalQuartzMain.class.getName());
      cmd.add(dir.toString());
      cmd.add(Integer.toString(workflows));
      cmd.add(firstCron);
    }
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    if (system.equals("shotclock")) {
      // kept: its timestamps show where the start-up time goes
      pb.redirectOutput(dir.resolve("daemon.log").toFile());
    }
    pb.environment().put("SHOTCLOCK_JAVA_OPTS", String.join(" ", JVM));
    pb.environment().put("SHOTCLOCK_NO_BUILD", "1");
    return pb.start();
  }

  /** Waits for the run log of the first run, stops the daemon, reads started_at from its store. */
  private static long shotclockFirstFire(Process p, Path dir) throws Exception {
    Path logs = dir.resolve("var/logs/runs/wf-0");
    long deadline = System.currentTimeMillis() + 60_000;
    while (!Files.isDirectory(logs) || Files.list(logs).findAny().isEmpty()) {
      if (System.currentTimeMillis() > deadline || !p.isAlive()) {
        throw new IllegalStateException("no run of wf-0 within 60 s (alive: " + p.isAlive() + ")");
      }
      Thread.sleep(20);
    }
    stop(p);
    String url = "jdbc:h2:" + dir.resolve("var/db/shotclock").toAbsolutePath();
    try (Connection c = DriverManager.getConnection(url, "sa", "");
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(
            "SELECT MIN(started_at) FROM sc_runs WHERE workflow_id = 'wf-0'")) {
      rs.next();
      return rs.getTimestamp(1).getTime();
    }
  }

  private static long quartzFirstFire(Process p) throws Exception {
    try (BufferedReader r = new BufferedReader(
        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.startsWith("FIRED ")) {
          stop(p);
          return Long.parseLong(line.substring(6).trim());
        }
      }
    }
    throw new IllegalStateException("the Quartz main ended without firing");
  }


  private static void stop(Process p) throws InterruptedException {
    p.destroy(); // SIGTERM: both shut down cleanly
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
    }
  }

  static long rssKb(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IllegalStateException("no VmRSS for " + pid);
  }

  private static final Pattern HEAP = Pattern.compile("total (\\d+)K, used (\\d+)K");

  /** {used, committed} in KiB of the Java heap, as jcmd reports it. */
  static long[] heapKb(long pid) throws Exception {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.heap_info")
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    Matcher m = HEAP.matcher(out);
    if (!m.find()) {
      throw new IllegalStateException("jcmd GC.heap_info said: " + out);
    }
    return new long[] {Long.parseLong(m.group(2)), Long.parseLong(m.group(1))};
  }
}
