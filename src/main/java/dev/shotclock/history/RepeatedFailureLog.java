package dev.shotclock.history;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;

/**
 * Logs a periodic task's failure once when it starts failing and once when it recovers, not on
 * every pass: during a database outage a dozen tasks failing every few seconds would otherwise bury
 * the one line that matters.
 */
public final class RepeatedFailureLog {

  private final Logger log;
  private final Map<String, Integer> failing = new ConcurrentHashMap<>();

  public RepeatedFailureLog(Logger log) {
    this.log = log;
  }

  /** A pass of {@code task} failed. */
  public void failed(String task, RuntimeException e) {
    int n = failing.merge(task, 1, Integer::sum);
    if (n == 1) {
      log.error("{} failed; retrying every pass, further failures are logged at debug until it"
          + " recovers", task, e);
    } else {
      log.debug("{} failed again ({} in a row): {}", task, n, e.toString());
    }
  }

  /** A pass of {@code task} succeeded. */
  public void succeeded(String task) {
    Integer n = failing.remove(task);
    if (n != null) {
      log.info("{} works again after {} failed pass(es)", task, n);
    }
  }
}
