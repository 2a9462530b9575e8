package dev.shotclock.workflow;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The runs executing on this node right now, with the token that stops each. */
public final class ActiveRuns {

  private final Map<Long, CancelToken> runs = new ConcurrentHashMap<>();
  private final Map<Long, Integer> attempts = new ConcurrentHashMap<>();

  void add(long runId, int attempt, CancelToken token) {
    attempts.put(runId, attempt);
    runs.put(runId, token);
  }

  void remove(long runId) {
    synchronized (this) {
      runs.remove(runId);
      attempts.remove(runId);
      notifyAll();
    }
  }

  /** The attempt each executing run is in. */
  public Map<Long, Integer> attempts() {
    return Map.copyOf(attempts);
  }

  public Set<Long> ids() {
    return Set.copyOf(runs.keySet());
  }

  public boolean isEmpty() {
    return runs.isEmpty();
  }

  /** Cancels one run executing here; false when it is not executing on this node. */
  public boolean cancel(long runId, String reason, String detail) {
    CancelToken token = runs.get(runId);
    return token != null && token.cancel(reason, detail);
  }

  public void cancelAll(String reason, String detail) {
    runs.values().forEach(t -> t.cancel(reason, detail));
  }

  /** Waits until no run is executing or {@code timeout} passes; returns whether none is left. */
  public boolean awaitEmpty(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (this) {
      while (!runs.isEmpty()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        wait(Math.max(1, left / 1_000_000));
      }
    }
    return true;
  }
}
