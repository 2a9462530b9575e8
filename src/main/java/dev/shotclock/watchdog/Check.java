package dev.shotclock.watchdog;

/** A health check of one component, run by the watchdog on every tick. */
public interface Check {

  /** The component's name in /health and /status (store, disk, liveness...). */
  String name();

  /** Looks once; never throws (a failure to look is itself a finding). */
  CheckResult runOnce();
}
