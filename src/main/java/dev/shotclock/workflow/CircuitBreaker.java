package dev.shotclock.workflow;

import dev.shotclock.config.CircuitBreakerDef;
import dev.shotclock.config.LiveConfig;
import dev.shotclock.config.NotifyEvent;
import dev.shotclock.config.WorkflowDef;
import dev.shotclock.history.EventLog;
import dev.shotclock.history.RunRepository;
import dev.shotclock.history.RunState;
import dev.shotclock.history.WorkflowState;
import dev.shotclock.history.WorkflowStateRepository;
import dev.shotclock.notify.Alert;
import dev.shotclock.notify.Alerts;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops hammering a broken source: after {@code failures} failed runs in a row a workflow with a
 * {@code circuit_breaker} is paused (reason circuit-open) and operators are told. While open, its
 * probe runs every {@code probe_every}; the circuit closes (the workflow resumes, skipping the
 * slots it missed) when the probe exits 0, or else after {@code cool_off}.
 */
public final class CircuitBreaker {

  static final String BY = "circuit-breaker";
  private static final Logger LOG = LoggerFactory.getLogger(CircuitBreaker.class);
  private static final Set<RunState> FAILED = EnumSet.of(RunState.FAILED, RunState.TIMED_OUT);
  private static final Duration PROBE_TIMEOUT = Duration.ofMinutes(2);

  private final LiveConfig config;
  private final RunRepository runs;
  private final WorkflowStateRepository states;
  private final PauseControl pauses;
  private final ProcessSupervisor supervisor;
  private final Map<String, String> daemonEnv;
  private final Path probeLogDir;
  private final Alerts alerts;
  private final EventLog events;
  private final Clock clock;
  private final Map<String, Instant> lastProbe = new ConcurrentHashMap<>();

  CircuitBreaker(LiveConfig config, RunRepository runs, WorkflowStateRepository states,
      PauseControl pauses, ProcessSupervisor supervisor, Map<String, String> daemonEnv,
      Path probeLogDir, Alerts alerts, EventLog events, Clock clock) {
    this.config = config;
    this.runs = runs;
    this.states = states;
    this.pauses = pauses;
    this.supervisor = supervisor;
    this.daemonEnv = Map.copyOf(daemonEnv);
    this.probeLogDir = probeLogDir;
    this.alerts = alerts;
    this.events = events;
    this.clock = clock;
  }

  /** Called when a run ended: opens the circuit after enough failures in a row. */
  void runEnded(WorkflowDef wf, RunState state) {
    CircuitBreakerDef cb = wf.circuitBreaker();
    if (cb == null || !FAILED.contains(state)) {
      return;
    }
    List<RunState> recent = runs.lastRanStates(wf.id(), cb.failures());
    if (recent.size() < cb.failures() || !recent.stream().allMatch(FAILED::contains)) {
      return;
    }
    String why = "circuit-open: " + cb.failures() + " failed runs in a row";
    if (pauses.pause(wf.id(), BY, why, null).changed()) {
      String text = wf.id() + " is paused after " + cb.failures() + " failed runs in a row; it resumes "
          + (cb.probe() != null ? "when its probe (" + String.join(" ", cb.probe()) + ") passes or " : "")
          + "after the cool-off of " + cb.coolOff() + ".\n\nlook further: shotclock why " + wf.id()
          + "; resume by hand: shotclock resume " + wf.id();
      alerts.send(new Alert(NotifyEvent.CIRCUIT_OPENED, wf.id(), null, "circuit", "circuit open: " + wf.id(),
          text, Map.of(), clock.instant()));
    }
  }

  /** Probes open circuits that are due and closes those whose probe passed or cool-off is over. */
  public void runOnce() {
    Instant now = clock.instant();
    for (WorkflowDef wf : config.get().workflows()) {
      CircuitBreakerDef cb = wf.circuitBreaker();
      WorkflowState st = cb == null ? null : states.find(wf.id()).orElse(null);
      if (st == null || !st.paused() || !BY.equals(st.pausedBy()) || st.pausedAt() == null) {
        continue;
      }
      if (!now.isBefore(st.pausedAt().plus(cb.coolOff()))) {
        close(wf, "cool-off of " + cb.coolOff() + " passed");
      } else if (cb.probe() != null && probeDue(wf.id(), cb, now) && probePasses(wf, cb)) {
        close(wf, "probe passed");
      }
    }
  }

  private boolean probeDue(String workflowId, CircuitBreakerDef cb, Instant now) {
    Instant last = lastProbe.get(workflowId);
    if (last != null && now.isBefore(last.plus(cb.probeEvery()))) {
      return false;
    }
    lastProbe.put(workflowId, now);
    return true;
  }

  private boolean probePasses(WorkflowDef wf, CircuitBreakerDef cb) {
    try (RunLog log = RunLog.open(probeLogDir.resolve(wf.id() + ".log"), 1 << 20, clock)) {
      ProcessSpec spec = new ProcessSpec(cb.probe(), wf.cwd(), daemonEnv, PROBE_TIMEOUT);
      ProcessOutcome out = supervisor.run(spec, log.forStep("probe"), new CancelToken());
      return out.kind() == ProcessOutcome.Kind.EXITED && out.exitCode() == 0;
    } catch (IOException e) {
      LOG.warn("circuit probe of {} could not run: {}", wf.id(), e.getMessage());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void close(WorkflowDef wf, String why) {
    if (pauses.resume(wf.id(), ResumeChoice.SKIP, BY).changed()) {
      events.info("CIRCUIT_CLOSED", wf.id(), null, "circuit closed: " + why);
      alerts.send(new Alert(NotifyEvent.CIRCUIT_CLOSED, wf.id(), null, "circuit", "circuit closed: " + wf.id(),
          wf.id() + " resumed: " + why + ".", Map.of(), clock.instant()));
    }
  }
}
