package dev.shotclock.notify;

/** Where the daemon's parts hand alerts; delivery is never their problem. */
@FunctionalInterface
public interface Alerts {

  Alerts NONE = alert -> {};

  /** Queues an alert for delivery; returns at once and never throws. */
  void send(Alert alert);
}
