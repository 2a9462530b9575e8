package dev.shotclock.workflow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Named mutual-exclusion groups ({@code source:espn}, {@code db:unified}) held by steps while they
 * run, so that two steps touching the same source never overlap on this node. Several names are
 * always taken in sorted order, so two holders cannot deadlock.
 */
public final class NamedLocks {

  private static final Duration SLICE = Duration.ofMillis(200);

  private final Map<String, Semaphore> locks = new ConcurrentHashMap<>();

  /** What a holder gives back. */
  public interface Held extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Takes every name, waiting as long as needed, unless {@code cancel} fires first (then returns
   * null and holds nothing).
   */
  public Held acquire(List<String> names, CancelToken cancel) throws InterruptedException {
    List<Semaphore> taken = new ArrayList<>();
    for (String name : new TreeSet<>(names)) {
      Semaphore s = locks.computeIfAbsent(name, n -> new Semaphore(1, true));
      if (!acquire(s, cancel)) {
        taken.forEach(Semaphore::release);
        return null;
      }
      taken.add(s);
    }
    return () -> taken.forEach(Semaphore::release);
  }

  /** Names currently held by someone. */
  public List<String> held() {
    return locks.entrySet().stream().filter(e -> e.getValue().availablePermits() == 0)
        .map(Map.Entry::getKey).sorted().toList();
  }

  /** Waits for one permit in short slices, so that a cancel is noticed promptly. */
  static boolean acquire(Semaphore s, CancelToken cancel) throws InterruptedException {
    while (!cancel.isCancelled()) {
      if (s.tryAcquire(SLICE.toMillis(), TimeUnit.MILLISECONDS)) {
        return true;
      }
    }
    return false;
  }
}
