package dev.shotclock.watchdog;

import dev.shotclock.config.NotifyEvent;
import dev.shotclock.history.EventLog;
import dev.shotclock.history.RepeatedFailureLog;
import dev.shotclock.notify.Alert;
import dev.shotclock.notify.Alerts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watchdog job: on every tick it runs the checks (feeding the health state) and the repairs
 * (each repair becomes an event), and records a heartbeat. The heartbeat is written by the
 * scheduler's own worker thread, so a scheduler that stopped firing shows in /health as a stale
 * heartbeat, not as "the process exists".
 */
public final class Watchdog implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);

  /** What /health answers. */
  /** @param storeOutage scheduling is suspended on purpose because the store is unreachable */
  /**
   * @param components each component's health
   * @param details what each component's last check said, UP ones included
   */
  public record Report(Health health, List<String> reasons, Map<String, String> components,
      Map<String, String> details, boolean storeOutage) {}

  private final List<Check> checks;
  private final List<Repair> repairs;
  private final HealthState state;
  private final EventLog events;
  private final Clock clock;
  private final Duration interval;
  private final MeterRegistry registry;
  private final Alerts alerts;
  private final Instant startedAt;
  private final StoreOutage storeOutage;
  private volatile Instant lastBeat;
  private final RepeatedFailureLog failures = new RepeatedFailureLog(LOG);

  public Watchdog(List<Check> checks, List<Repair> repairs, HealthState state, EventLog events,
      Clock clock, Duration interval, MeterRegistry registry, Alerts alerts, StoreOutage storeOutage) {
    this.checks = List.copyOf(checks);
    this.repairs = List.copyOf(repairs);
    this.state = state;
    this.events = events;
    this.clock = clock;
    this.interval = interval;
    this.registry = registry;
    this.alerts = alerts;
    this.startedAt = clock.instant();
    this.storeOutage = storeOutage;
  }

  @Override
  public void run() {
    runOnce();
  }

  /** One tick. Never throws: a failing check or repair is reported, the others still run. */
  public void runOnce() {
    lastBeat = clock.instant();
    for (Check check : checks) {
      CheckResult result;
      try {
        result = check.runOnce();
      } catch (RuntimeException e) {
        result = CheckResult.down(check.name() + " check failed: " + e.getMessage());
      }
      HealthState.Change change = state.record(check.name(), result);
      if (change != null) {
        events.record("HEALTH_" + change.to(), change.to() == Health.UP
            ? dev.shotclock.history.Event.Severity.INFO : dev.shotclock.history.Event.Severity.WARN,
            null, null, change.component() + " " + change.from() + " -> " + change.to() + ": " + change.detail());
        alert(NotifyEvent.HEALTH_CHANGED, change.component(), "health: " + change.component() + " is "
            + change.to(), change.component() + " went from " + change.from() + " to " + change.to()
            + ": " + change.detail() + "\n\nlook further: shotclock health; shotclock events");
      }
    }
    for (Repair repair : repairs) {
      try {
        List<String> repaired = repair.runOnce();
        failures.succeeded("watchdog repair " + repair.name());
        for (String done : repaired) {
          events.warn("REPAIR", null, null, repair.name() + ": " + done);
          alert(repair.name().equals("stalled-steps") ? NotifyEvent.STEP_STALLED : NotifyEvent.WATCHDOG_REPAIR,
              repair.name(), "watchdog repair: " + repair.name(), done
                  + "\n\nlook further: shotclock events --kind REPAIR");
          Counter.builder("shotclock.watchdog.repairs").tag("repair", repair.name()).register(registry).increment();
        }
      } catch (RuntimeException e) {
        failures.failed("watchdog repair " + repair.name(), e);
      }
    }
  }

  private void alert(NotifyEvent event, String subject, String title, String text) {
    alerts.send(new Alert(event, null, null, subject, title, text, java.util.Map.of(), clock.instant()));
  }

  /**
   * Health now: the components' states, plus the heartbeat. A heartbeat older than two ticks means
   * the scheduler no longer runs its own jobs, whatever the components said last. During a store
   * outage scheduling is suspended on purpose: the daemon is DEGRADED, with the outage as reason.
   */
  public Report report() {
    Instant now = clock.instant();
    List<String> reasons = new ArrayList<>();
    Map<String, String> components = new LinkedHashMap<>();
    Map<String, String> details = new LinkedHashMap<>();
    Health overall = Health.UP;
    Instant beat = latest(lastBeat != null ? lastBeat : startedAt, storeOutage.recoveredAt());
    Duration age = Duration.between(beat, now);
    var outage = storeOutage.current();
    if (outage.isPresent()) {
      overall = Health.DEGRADED;
      components.put("scheduler", Health.DEGRADED.name());
      components.put("store", Health.DEGRADED.name());
      details.put("store", "unreachable since " + outage.get().since());
      reasons.add("store: unreachable since " + outage.get().since() + " ("
          + Duration.between(outage.get().since(), now).toSeconds() + " s, " + outage.get().failedProbes()
          + " failed probes): " + outage.get().lastError() + "; scheduling suspended until it answers");
    } else if (age.compareTo(interval.multipliedBy(2).plusSeconds(1)) > 0) {
      overall = Health.DOWN;
      components.put("scheduler", Health.DOWN.name());
      reasons.add("scheduler: the watchdog job has not run for " + age.toSeconds() + "s (every "
          + interval.toSeconds() + "s expected): the scheduler is not firing");
    } else {
      components.put("scheduler", Health.UP.name());
    }
    details.put("scheduler", "watchdog heartbeat " + age.toSeconds() + " s ago (every " + interval.toSeconds() + " s)");
    for (Map.Entry<String, HealthState.Component> c : state.components().entrySet()) {
      if (outage.isPresent() && c.getKey().equals("store")) {
        continue; // the outage above says it, more precisely than the last tick's check
      }
      components.put(c.getKey(), c.getValue().health().name());
      details.put(c.getKey(), c.getValue().detail());
      if (c.getValue().health() != Health.UP) {
        overall = overall.worst(c.getValue().health());
        reasons.add(c.getKey() + ": " + c.getValue().detail());
      }
    }
    return new Report(overall, reasons, components, details, outage.isPresent());
  }

  private static Instant latest(Instant a, Instant b) {
    return b != null && b.isAfter(a) ? b : a;
  }

  public Instant lastBeat() {
    return lastBeat;
  }
}
