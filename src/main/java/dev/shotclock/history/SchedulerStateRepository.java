package dev.shotclock.history;

import dev.shotclock.db.Jdbc;
import java.time.Instant;

/** {@code sc_scheduler_state}: its one row says whether the whole scheduler is paused. */
public final class SchedulerStateRepository {

  private final Jdbc jdbc;

  public SchedulerStateRepository(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  public SchedulerState get() {
    return jdbc.queryOne("SELECT paused, paused_at, paused_by, pause_reason, paused_until"
            + " FROM sc_scheduler_state WHERE id = 1", Jdbc.Binder.NONE,
        r -> new SchedulerState(r.bool("paused"), r.instant("paused_at"), r.string("paused_by"),
            r.string("pause_reason"), r.instant("paused_until")))
        .orElse(new SchedulerState(false, null, null, null, null));
  }

  public void pause(String by, String reason, Instant until, Instant now) {
    jdbc.update("UPDATE sc_scheduler_state SET paused = TRUE, paused_at = ?, paused_by = ?,"
            + " pause_reason = ?, paused_until = ? WHERE id = 1",
        a -> a.instant(now).string(by).string(reason).instant(until));
  }

  public void resume() {
    jdbc.update("UPDATE sc_scheduler_state SET paused = FALSE, paused_at = NULL, paused_by = NULL,"
        + " pause_reason = NULL, paused_until = NULL WHERE id = 1", Jdbc.Binder.NONE);
  }
}
