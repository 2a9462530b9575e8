package dev.shotclock.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.shotclock.queue.TaskQueue;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * One claimer of the cluster drain, in a process of its own: {@link QueueDrain#drain}'s loop
 * (claim up to 30 in flight, 10 completing threads) on the shared queue of the measurement's
 * PostgreSQL schema until a claim finds nothing. Usage: {@code DrainWorker URL USER NODE_ID
 * CAPACITY}; prints {@code BENCH READY}, waits for {@code go} on stdin, prints
 * {@code BENCH DONE completed last_end_epoch_ms claims claim_p50_ms}.
 */
public final class DrainWorker {

  private DrainWorker() {}

  public static void main(String[] args) throws Exception {
    BenchStore store = new BenchStore("pg", args[0], args[1], null, Path.of("."));
    try (HikariDataSource ds = store.pool("queue", QueueDrain.WORKERS + 3)) {
      TaskQueue q = QueueDrain.queue(ds, store, Integer.parseInt(args[3]));
      System.out.println("BENCH READY " + args[2]);
      System.out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      String go = in.readLine();
      if (!"go".equals(go)) {
        System.exit(1);
      }
      long wall0 = System.currentTimeMillis();
      QueueDrain.Drained d = QueueDrain.drain(q, args[2], Integer.MAX_VALUE, true);
      long lastEnd = wall0 + (d.lastNanos() - d.startNanos()) / 1_000_000;
      double[] s = Stats.sorted(d.claimMs());
      System.out.printf("BENCH DONE %d %d %d %.3f%n", d.completed(), lastEnd, s.length,
          Stats.percentile(s, 50));
      System.out.flush();
    }
    System.exit(0);
  }
}
