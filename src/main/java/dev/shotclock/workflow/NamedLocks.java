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
 * run, so that two steps touching the same source never overlap. On one node a fair semaphore per
 * name; in a cluster, the holder of the node's semaphore then also takes the name in the store
 * ({@link StoreLocks}), so steps on different nodes exclude each other too. Several names are
 * always taken in sorted order, so two holders cannot deadlock.
 */
public final class NamedLocks {

  private static final Duration SLICE = Duration.ofMillis(200);

  private final Map<String, Semaphore> locks = new ConcurrentHashMap<>();
  /** Null on a single node. */
  private final StoreLocks store;

  /** Locks of a single node. */
  public NamedLocks() {
    this(null);
  }

  NamedLocks(StoreLocks store) {
    this.store = store;
  }

  /** What a holder gives back. */
  public interface Held extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Takes every name, waiting as long as needed, unless {@code cancel} fires first (then returns
   * null and holds nothing).
   *
   * @param owner the step attempt taking them (recorded with store locks)
   */
  public Held acquire(List<String> names, StoreLocks.Owner owner, CancelToken cancel)
      throws InterruptedException {
    List<Runnable> undo = new ArrayList<>();
    Held all = () -> {
      for (int i = undo.size() - 1; i >= 0; i--) {
        undo.get(i).run();
      }
    };
    for (String name : new TreeSet<>(names)) {
      Semaphore s = locks.computeIfAbsent(name, n -> new Semaphore(1, true));
      if (!acquire(s, cancel)) {
        all.close();
        return null;
      }
      undo.add(s::release);
      if (store != null) {
        if (!acquireInStore(name, owner, cancel)) {
          all.close();
          return null;
        }
        undo.add(() -> releaseInStore(name, owner));
      }
    }
    return all;
  }

  /** Names currently held by someone (in a cluster: anywhere, with holder). */
  public List<String> held() {
    if (store != null) {
      return store.held();
    }
    return locks.entrySet().stream().filter(e -> e.getValue().availablePermits() == 0)
        .map(Map.Entry::getKey).sorted().toList();
  }

  /** Polls the store in short slices, so that a cancel is noticed promptly. */
  private boolean acquireInStore(String name, StoreLocks.Owner owner, CancelToken cancel)
      throws InterruptedException {
    while (!cancel.isCancelled()) {
      if (store.tryTake(name, owner)) {
        return true;
      }
      if (cancel.await(SLICE)) {
        return false;
      }
    }
    return false;
  }

  private void releaseInStore(String name, StoreLocks.Owner owner) {
    try {
      store.release(name, owner);
    } catch (RuntimeException e) {
      // The row turns stale when the run ends, and is then free for the next holder.
      org.slf4j.LoggerFactory.getLogger(NamedLocks.class).warn("could not release lock {} of run {}"
          + " (it is freed when the run ends): {}", name, owner.runId(), e.getMessage());
    }
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
