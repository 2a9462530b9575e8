package dev.shotclock.watchdog;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Component health with hysteresis: a component counts as down (or degraded) only after
 * {@code downAfter} consecutive bad checks, and as up again only after {@code upAfter} good ones, so
 * one slow query does not flap /health and alerts.
 */
public final class HealthState {

  /** What /health shows of a component. */
  public record Component(Health health, String detail) {}

  /** A change of a component's reported health, for an event. */
  public record Change(String component, Health from, Health to, String detail) {}

  private static final class Tracker {
    Health reported = Health.UP;
    String detail = "not checked yet";
    Health pending = Health.UP;
    int streak;
  }

  private final int downAfter;
  private final int upAfter;
  private final Map<String, Tracker> components = new ConcurrentHashMap<>();

  public HealthState(int downAfter, int upAfter) {
    this.downAfter = downAfter;
    this.upAfter = upAfter;
  }

  /** Feeds one finding; returns the change of reported health, if this finding made one. */
  public synchronized Change record(String component, CheckResult result) {
    Tracker t = components.computeIfAbsent(component, c -> new Tracker());
    if (result.health() == t.pending) {
      t.streak++;
    } else {
      t.pending = result.health();
      t.streak = 1;
    }
    int needed = result.health() == Health.UP ? upAfter : downAfter;
    Health before = t.reported;
    if (t.pending != t.reported && t.streak >= needed) {
      t.reported = t.pending;
    }
    if (t.reported == result.health()) {
      t.detail = result.detail();
    }
    return before != t.reported ? new Change(component, before, t.reported, t.detail) : null;
  }

  public synchronized Map<String, Component> components() {
    Map<String, Component> out = new LinkedHashMap<>();
    components.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(e -> out.put(e.getKey(), new Component(e.getValue().reported, e.getValue().detail)));
    return out;
  }
}
