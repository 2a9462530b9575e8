package dev.shotclock.history;

import dev.shotclock.db.Jdbc;
import dev.shotclock.db.Row;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** {@code sc_step_runs}: one row per try of a step in an attempt of a run. */
public final class StepRunRepository {

  private static final String COLUMNS = "id, run_id, step_id, run_attempt, try_number, state,"
      + " started_at, finished_at, exit_code, pid, output_bytes, last_output_at, error";

  private final Jdbc jdbc;

  public StepRunRepository(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /** A try that starts now. */
  public long started(long runId, String stepId, int runAttempt, int tryNumber, Instant now) {
    return jdbc.insert("INSERT INTO sc_step_runs (run_id, step_id, run_attempt, try_number, state,"
            + " started_at) VALUES (?, ?, ?, ?, 'RUNNING', ?)",
        a -> a.longValue(runId).string(stepId).intValue(runAttempt).intValue(tryNumber)
            .instant(now));
  }

  public void setPid(long stepRunId, long pid) {
    jdbc.update("UPDATE sc_step_runs SET pid = ? WHERE id = ?",
        a -> a.longValue(pid).longValue(stepRunId));
  }

  /** Output progress, for stall detection and live status. */
  public void progress(long stepRunId, long outputBytes, Instant lastOutputAt) {
    jdbc.update("UPDATE sc_step_runs SET output_bytes = ?, last_output_at = ? WHERE id = ?",
        a -> a.longValue(outputBytes).instant(lastOutputAt).longValue(stepRunId));
  }

  public void finished(long stepRunId, StepState state, Integer exitCode, String error,
      long outputBytes, Instant lastOutputAt, Instant now) {
    jdbc.update("UPDATE sc_step_runs SET state = ?, exit_code = ?, error = ?, output_bytes = ?,"
            + " last_output_at = ?, finished_at = ? WHERE id = ?",
        a -> a.name(state).intValue(exitCode).string(RunRepository.truncate(error, 4000))
            .longValue(outputBytes).instant(lastOutputAt).instant(now).longValue(stepRunId));
  }

  /** A step that never started in this attempt (dependencies not met, run ended first). */
  public void skipped(long runId, String stepId, int runAttempt, StepState state, String reason,
      Instant now) {
    jdbc.update("INSERT INTO sc_step_runs (run_id, step_id, run_attempt, try_number, state,"
            + " finished_at, error) VALUES (?, ?, ?, 0, ?, ?, ?)",
        a -> a.longValue(runId).string(stepId).intValue(runAttempt).name(state).instant(now)
            .string(RunRepository.truncate(reason, 4000)));
  }

  /** Marks the tries still RUNNING in a run as INTERRUPTED (their daemon died). */
  public int interruptRunning(long runId, String reason, Instant now) {
    return jdbc.update("UPDATE sc_step_runs SET state = 'INTERRUPTED', finished_at = ?, error = ?"
            + " WHERE run_id = ? AND state = 'RUNNING'",
        a -> a.instant(now).string(reason).longValue(runId));
  }

  /** All tries of a run, in the order they started. */
  public List<StepRunRecord> forRun(long runId) {
    return jdbc.query("SELECT " + COLUMNS + " FROM sc_step_runs WHERE run_id = ?"
            + " ORDER BY run_attempt, id", a -> a.longValue(runId), StepRunRepository::map);
  }

  static StepRunRecord map(Row r) throws SQLException {
    return new StepRunRecord(r.longValue("id"), r.longValue("run_id"), r.string("step_id"),
        r.intValue("run_attempt"), r.intValue("try_number"), r.enumValue("state", StepState.class),
        r.instant("started_at"), r.instant("finished_at"), r.nullableInt("exit_code"),
        r.nullableLong("pid"), r.longValue("output_bytes"), r.instant("last_output_at"),
        r.string("error"));
  }
}
