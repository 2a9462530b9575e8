package dev.shotclock.history;

import dev.shotclock.db.Jdbc;
import dev.shotclock.testsupport.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/** Writes history the way the daemon does, with the test's clock: runs with log files, not-run slots. */
final class HistoryRows {

  private final Jdbc jdbc;
  private final RunRepository runs;
  private final MutableClock clock;
  private final Path logs;

  HistoryRows(Jdbc jdbc, MutableClock clock, Path logs) {
    this.jdbc = jdbc;
    this.runs = new RunRepository(jdbc);
    this.clock = clock;
    this.logs = logs;
  }

  /**
   * A run of the slot {@code at}, started then, that ran {@code took} and ended {@code end}, with a
   * log file; leaves the clock at its end.
   */
  long run(String workflowId, Instant at, Duration took, RunState end) {
    clock.set(at);
    long id = runs.insert(new NewRun(workflowId, NewRun.slotKey(at), at, TriggerKind.SCHEDULE,
        RunState.SCHEDULED, null, false, null, Map.of(), "corr-" + workflowId + "-" + at, null), at);
    Path log = log(workflowId, id);
    int attempt = runs.start(id, EnumSet.of(RunState.SCHEDULED), "node", log.toString(), at)
        .orElseThrow().attempt();
    write(log, "run " + id + " ended " + end + "\n");
    clock.tick(took);
    runs.finish(id, attempt, end, null, clock.instant());
    return id;
  }

  /** {@code n} slots recorded {@code state} (a not-run state), {@code every} apart from {@code from}, each recorded at its time. */
  void notRun(String workflowId, RunState state, int n, Instant from, Duration every) {
    List<Jdbc.Binder> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Instant slot = from.plus(every.multipliedBy(i));
      rows.add(a -> a.string(workflowId).string(NewRun.slotKey(slot)).instant(slot).name(TriggerKind.SCHEDULE)
          .name(state).string("paused by ops").instant(slot).string("corr-" + slot));
    }
    jdbc.batch("INSERT INTO sc_runs (workflow_id, slot_key, scheduled_at, trigger_kind, state, reason,"
        + " created_at, correlation_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows);
  }

  Path log(String workflowId, long runId) {
    return logs.resolve("runs").resolve(workflowId).resolve(runId + ".log");
  }

  List<RunRecord> all(String workflowId) {
    return runs.list(workflowId, null, 100_000);
  }

  List<RunRecord> inStates(String workflowId, java.util.Set<RunState> states) {
    return all(workflowId).stream().filter(r -> states.contains(r.state())).toList();
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
