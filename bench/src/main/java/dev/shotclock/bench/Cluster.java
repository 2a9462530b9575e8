package dev.shotclock.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.shotclock.queue.NewTask;
import dev.shotclock.queue.TaskQueue;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The cluster scenario: K processes on one PostgreSQL schema, so that they compete through the
 * database as real nodes do. This JVM (the measurement's Child) only coordinates; it runs nothing
 * that is measured.
 * <ul>
 *   <li>{@code cluster-fire}: K daemons ({@link ClusterNode}, {@code cluster.enabled}, check-in
 *       5 s); node 1 writes N launches over 100 no-op workflows due in a day while every node
 *       stands by, one UPDATE makes them due now (as {@link FireThroughput}), then all nodes are
 *       let go; fires/s = N / (last run's {@code finished_at} - release).
 *   <li>{@code cluster-drain}: N no-op tasks enqueued, then K claimer processes
 *       ({@link DrainWorker}, {@link QueueDrain}'s loop) drain the shared queue; tasks/s = N /
 *       (last completion - go). The daemon's dispatcher starts a workflow run per task, so it
 *       cannot drain no-op tasks; the claimers drive {@code TaskQueue} claim/complete directly.
 *   <li>{@code failover}: 2 daemons; node A runs R long runs (one {@code /bin/sleep} step, started
 *       before B is up, so all of them are A's); {@code kill -9} A, and time until every one of those runs is RUNNING again on
 *       B with its attempt + 1 (sc_runs polled every 100 ms). A new A is started, and the next
 *       kill hits B, which now holds the runs; K kills.
 * </ul>
 */
final class Cluster {

  static final Duration CHECKIN = Duration.ofSeconds(5);
  /** Quartz: dead after 2 × check-in + 7.5 s, noticed at the survivor's next check-in. */
  static final double BOUND_MS = 2 * CHECKIN.toMillis() + 7_500 + CHECKIN.toMillis();
  static final int FIRE_WORKFLOWS = 100;
  static final int FAILOVER_RUNS = 3;

  private Cluster() {}

  static int nodes(String system) {
    if (!system.matches("nodes[1-9]")) {
      throw new IllegalArgumentException("system must be nodes1..nodes9, not " + system);
    }
    return system.charAt(5) - '0';
  }

  // ---------------------------------------------------------------- cluster-fire

  static Metrics fire(BenchStore store, Path dir, int n, int k) throws Exception {
    requirePg(store);
    List<Proc> nodes = new ArrayList<>();
    try {
      // one after another: nodes starting at once on a fresh schema race in the workflow state
      // sync (duplicate key on sc_workflow_state, the losing node exits), see docs/benchmarks.md
      for (int i = 0; i < k; i++) {
        nodes.add(node(store, dir, "node-" + (char) ('a' + i), Math.min(n, FIRE_WORKFLOWS), "-"));
        nodes.get(i).await("READY", 300);
      }
      for (Proc p : nodes) {
        p.command("standby", 60);
      }
      long setup = System.nanoTime();
      nodes.get(0).command("launch " + n, 60 + n / 5);
      double setupMs = (System.nanoTime() - setup) / 1e6;
      try (HikariDataSource ds = store.pool("due", 1)) {
        FireThroughput.makeDueNow(ds, "ShotClock", "runs");
        long t0 = System.currentTimeMillis();
        for (Proc p : nodes) {
          p.send("resume");
        }
        long deadline = t0 + (120 + n / 20) * 1000L;
        long[] done;
        while (true) {
          done = finished(ds);
          if (done[0] >= n || System.currentTimeMillis() > deadline) {
            break;
          }
          Thread.sleep(200);
        }
        if (done[0] < n) {
          throw new IllegalStateException("only " + done[0] + " of " + n + " runs ended in time");
        }
        double seconds = (done[1] - t0) / 1000.0;
        Metrics m = new Metrics().put("fires_per_s", n / seconds).put("total_ms", seconds * 1000)
            .put("first_start_ms", done[3] - t0).put("setup_ms", setupMs).put("nodes", k).put("failed_runs", done[2]);
        Map<String, Long> per = perNode(ds);
        for (int i = 0; i < k; i++) {
          String id = "node-" + (char) ('a' + i);
          m.put("runs_" + id, per.getOrDefault(id, 0L));
        }
        return m;
      }
    } finally {
      stopAll(nodes);
    }
  }

  /** {ended runs, last finished_at, ended but not SUCCEEDED, first started_at}, times in epoch ms. */
  private static long[] finished(HikariDataSource ds) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT COUNT(*), MAX(finished_at),"
            + " COUNT(*) FILTER (WHERE state <> 'SUCCEEDED'), MIN(started_at) FROM sc_runs"
            + " WHERE finished_at IS NOT NULL");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      java.sql.Timestamp last = rs.getTimestamp(2);
      java.sql.Timestamp first = rs.getTimestamp(4);
      return new long[] {rs.getLong(1), last == null ? 0 : last.getTime(), rs.getLong(3),
          first == null ? 0 : first.getTime()};
    }
  }

  private static Map<String, Long> perNode(HikariDataSource ds) throws SQLException {
    Map<String, Long> m = new HashMap<>();
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT node_id, COUNT(*) FROM sc_runs GROUP BY node_id");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        m.put(String.valueOf(rs.getString(1)), rs.getLong(2));
      }
    }
    return m;
  }

  // ---------------------------------------------------------------- cluster-drain

  static Metrics drain(BenchStore store, Path dir, int n, int k) throws Exception {
    requirePg(store);
    List<Proc> workers = new ArrayList<>();
    try (HikariDataSource ds = store.pool("queue", 3)) {
      TaskQueue q = QueueDrain.queue(ds, store, n + 1);
      List<NewTask> batch = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        batch.add(NewTask.of("bench", "k" + i));
        if (batch.size() == QueueDrain.ENQUEUE_BATCH || i == n - 1) {
          q.enqueueAll(batch);
          batch = new ArrayList<>();
        }
      }
      for (int i = 0; i < k; i++) {
        String id = "node-" + (char) ('a' + i);
        workers.add(Proc.start(dir.resolve(id + ".log"), DrainWorker.class,
            List.of(store.url(), store.user(), id, Integer.toString(n + 1))));
      }
      for (Proc w : workers) {
        w.await("READY", 300);
      }
      long t0 = System.currentTimeMillis();
      for (Proc w : workers) {
        w.send("go");
      }
      long completed = 0;
      long lastEnd = t0;
      List<Double> p50s = new ArrayList<>();
      Metrics m = new Metrics();
      for (int i = 0; i < k; i++) {
        String[] done = workers.get(i).await("DONE", 600).split(" ");
        completed += Long.parseLong(done[2]);
        lastEnd = Math.max(lastEnd, Long.parseLong(done[3]));
        p50s.add(Double.parseDouble(done[5]));
        m.put("tasks_node-" + (char) ('a' + i), Long.parseLong(done[2]));
      }
      if (completed != n) {
        throw new IllegalStateException("the claimers completed " + completed + " of " + n);
      }
      double seconds = (lastEnd - t0) / 1000.0;
      return new Metrics().put("tasks_per_s", n / seconds).put("total_ms", seconds * 1000)
          .put("nodes", k).put("claim_ms_p50_median_of_nodes", Stats.median(p50s))
          .putAll(m);
    } finally {
      stopAll(workers);
    }
  }

  // ---------------------------------------------------------------- failover

  static Metrics failover(BenchStore store, Path dir, int kills) throws Exception {
    requirePg(store);
    // a unique argument, so that the orphaned sleeps of killed nodes can be found and ended
    String sleepArg = "3600." + (100000 + new java.util.Random().nextInt(900000));
    Proc[] node = new Proc[2];
    String[] ids = {"node-a", "node-b"};
    int[] generation = {0, 0};
    List<Double> ms = new ArrayList<>();
    try (HikariDataSource ds = store.pool("watch", 1)) {
      node[0] = node(store, dir.resolve("a0"), ids[0], 1, sleepArg);
      node[0].await("READY", 300);
      node[0].command("launchnow " + FAILOVER_RUNS, 60);
      waitRunning(ds, ids[0], FAILOVER_RUNS, 120_000);
      node[1] = node(store, dir.resolve("b0"), ids[1], 1, sleepArg);
      node[1].await("READY", 300);
      int holder = 0;
      for (int kill = 1; kill <= kills; kill++) {
        int survivor = 1 - holder;
        Map<Long, Integer> before = running(ds, ids[holder]);
        if (before.size() != FAILOVER_RUNS) {
          throw new IllegalStateException(ids[holder] + " runs " + before.size() + " of "
              + FAILOVER_RUNS + " before kill " + kill);
        }
        long tk = System.currentTimeMillis();
        node[holder].kill();
        long deadline = tk + 180_000;
        while (true) {
          Map<Long, Integer> now = running(ds, ids[survivor]);
          boolean all = before.entrySet().stream()
              .allMatch(e -> now.containsKey(e.getKey()) && now.get(e.getKey()) > e.getValue());
          if (all) {
            break;
          }
          if (System.currentTimeMillis() > deadline) {
            throw new IllegalStateException("kill " + kill + ": runs not taken over within 180 s");
          }
          Thread.sleep(100);
        }
        double took = System.currentTimeMillis() - tk;
        ms.add(took);
        System.out.printf("kill %d of %s: all %d runs RUNNING on %s after %.0f ms%n", kill,
            ids[holder], FAILOVER_RUNS, ids[survivor], took);
        if (kill < kills) {
          generation[holder]++;
          node[holder] = node(store, dir.resolve(ids[holder].substring(5) + generation[holder]),
              ids[holder], 1, sleepArg);
          node[holder].await("READY", 300);
        }
        holder = survivor;
      }
    } finally {
      for (Proc p : node) {
        if (p != null) {
          p.kill();
        }
      }
      endOrphans(sleepArg);
    }
    double[] s = Stats.sorted(ms);
    return new Metrics().put("failover_ms_median", Stats.median(ms))
        .put("failover_ms_max", s[s.length - 1]).put("failover_ms_min", s[0])
        .put("bound_ms", BOUND_MS).put("kills", ms.size()).put("runs_per_kill", FAILOVER_RUNS)
        .put("checkin_s", CHECKIN.toSeconds());
  }

  private static void waitRunning(HikariDataSource ds, String node, int count, long ms)
      throws Exception {
    long deadline = System.currentTimeMillis() + ms;
    while (running(ds, node).size() < count) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException(node + " does not run " + count + " runs");
      }
      Thread.sleep(100);
    }
  }

  /** Run id to attempt of the runs RUNNING on a node. */
  private static Map<Long, Integer> running(HikariDataSource ds, String node) throws SQLException {
    Map<Long, Integer> m = new HashMap<>();
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT id, attempt FROM sc_runs WHERE state = 'RUNNING' AND node_id = ?")) {
      ps.setString(1, node);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          m.put(rs.getLong(1), rs.getInt(2));
        }
      }
    }
    return m;
  }

  /** The step processes a killed node left behind: found by their unique argument, ended by pid. */
  private static void endOrphans(String sleepArg) {
    ProcessHandle.allProcesses()
        .filter(p -> p.info().arguments().map(a -> a.length == 1 && a[0].equals(sleepArg))
            .orElse(false))
        .forEach(p -> {
          System.out.println("ending orphaned step process " + p.pid());
          p.destroyForcibly();
        });
  }

  // ---------------------------------------------------------------- processes

  private static void requirePg(BenchStore store) {
    if (!store.isPostgres()) {
      throw new IllegalArgumentException("a cluster needs PostgreSQL");
    }
  }

  private static Proc node(BenchStore store, Path dir, String id, int workflows, String sleep)
      throws IOException {
    Files.createDirectories(dir);
    return Proc.start(dir.resolve(id + ".log"), ClusterNode.class, List.of(store.url(),
        store.user(), id, dir.resolve(id).toString(), Integer.toString(workflows), sleep));
  }

  private static void stopAll(List<Proc> procs) {
    for (Proc p : procs) {
      p.send("stop");
    }
    for (Proc p : procs) {
      p.stop(60);
    }
  }

  /** A JVM with the measured JVMs' flags, its stdout kept in a log, {@code BENCH} lines queued. */
  static final class Proc {
    private final Process process;
    private final Writer stdin;
    private final BlockingQueue<String> said = new LinkedBlockingQueue<>();

    private Proc(Process process, Path log) throws IOException {
      this.process = process;
      this.stdin = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
      Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8);
      Thread t = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)); out) {
          String line;
          while ((line = r.readLine()) != null) {
            out.write(line);
            out.write('\n');
            out.flush();
            if (line.startsWith("BENCH ")) {
              said.add(line);
            }
          }
        } catch (IOException e) {
          // the process is gone
        }
        said.add("BENCH EXIT");
      }, "proc-" + process.pid());
      t.setDaemon(true);
      t.start();
    }

    static Proc start(Path log, Class<?> main, List<String> args) throws IOException {
      Files.createDirectories(log.getParent());
      List<String> cmd = new ArrayList<>();
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.addAll(BenchMain.CHILD_JVM);
      cmd.add("-cp");
      cmd.add(System.getProperty("java.class.path"));
      cmd.add(main.getName());
      cmd.addAll(args);
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      return new Proc(p, log);
    }

    /** The next BENCH line, which must start with {@code what}. */
    String await(String what, int seconds) throws InterruptedException {
      String line = said.poll(seconds, TimeUnit.SECONDS);
      if (line == null || !line.startsWith("BENCH " + what)) {
        throw new IllegalStateException("pid " + process.pid() + ": expected " + what + ", got "
            + (line == null ? "nothing within " + seconds + " s" : line));
      }
      return line;
    }

    void send(String command) {
      try {
        stdin.write(command + "\n");
        stdin.flush();
      } catch (IOException e) {
        // the process is gone; await says so
      }
    }

    void command(String command, int seconds) throws InterruptedException {
      send(command);
      await("OK " + command.split(" ")[0], seconds);
    }

    /** kill -9. */
    void kill() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }

    void stop(int seconds) {
      try {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
          kill();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
