package dev.shotclock.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Collects completion times (and optional per-event values such as lateness) from the threads
 * of the system under test. Shared statically because Quartz and db-scheduler instantiate jobs
 * themselves; each measurement runs in its own JVM, so there is only ever one.
 */
public final class Recorder {

  public static volatile Recorder current;

  private final CountDownLatch done;
  private final List<Long> endNanos = new ArrayList<>();
  private final List<Double> values = new ArrayList<>();

  public Recorder(int expected) {
    this.done = new CountDownLatch(expected);
  }

  public synchronized void ended(Double value) {
    endNanos.add(System.nanoTime());
    if (value != null) {
      values.add(value);
    }
    done.countDown();
  }

  public boolean await(long seconds) throws InterruptedException {
    return done.await(seconds, TimeUnit.SECONDS);
  }

  public synchronized int count() {
    return endNanos.size();
  }

  public synchronized long lastNanos() {
    return endNanos.stream().mapToLong(Long::longValue).max().orElse(System.nanoTime());
  }

  public synchronized long firstNanos() {
    return endNanos.stream().mapToLong(Long::longValue).min().orElse(System.nanoTime());
  }

  public synchronized List<Double> values() {
    return new ArrayList<>(values);
  }
}
