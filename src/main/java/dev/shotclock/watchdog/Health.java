package dev.shotclock.watchdog;

/** How a component, or the whole daemon, is doing. */
public enum Health {
  UP,
  /** Working, but something an operator should look at (a zombie workflow, a disk filling up). */
  DEGRADED,
  DOWN;

  Health worst(Health other) {
    return other.ordinal() > ordinal() ? other : this;
  }
}
