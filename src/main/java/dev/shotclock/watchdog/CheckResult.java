package dev.shotclock.watchdog;

/** One check's finding: how the component is, and why, in words. */
public record CheckResult(Health health, String detail) {

  public static CheckResult up(String detail) {
    return new CheckResult(Health.UP, detail);
  }

  public static CheckResult degraded(String detail) {
    return new CheckResult(Health.DEGRADED, detail);
  }

  public static CheckResult down(String detail) {
    return new CheckResult(Health.DOWN, detail);
  }
}
