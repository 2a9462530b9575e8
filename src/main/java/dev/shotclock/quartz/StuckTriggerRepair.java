package dev.shotclock.quartz;

import dev.shotclock.db.Jdbc;
import dev.shotclock.watchdog.Repair;
import java.util.ArrayList;
import java.util.List;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.TriggerKey;

/**
 * Frees Quartz triggers that are stuck for good (quartz-scheduler/quartz#95, #145, #1516; fixed by
 * hand-edited SQL in the field): ACQUIRED with no fired-trigger row, BLOCKED with no executing
 * fired row for its job, and ERROR. Quartz inserts the fired row in the same transaction that marks
 * a trigger ACQUIRED or BLOCKED, so the check runs under Quartz's own TRIGGER_ACCESS row lock and
 * sees a consistent picture.
 */
public final class StuckTriggerRepair implements Repair {

  private static final String STUCK = "SELECT t.TRIGGER_NAME, t.TRIGGER_GROUP, t.TRIGGER_STATE"
      + " FROM QRTZ_TRIGGERS t WHERE t.SCHED_NAME = ? AND ("
      + " (t.TRIGGER_STATE = 'ACQUIRED' AND NOT EXISTS (SELECT 1 FROM QRTZ_FIRED_TRIGGERS f"
      + "   WHERE f.SCHED_NAME = t.SCHED_NAME AND f.TRIGGER_NAME = t.TRIGGER_NAME"
      + "   AND f.TRIGGER_GROUP = t.TRIGGER_GROUP))"
      + " OR (t.TRIGGER_STATE IN ('BLOCKED', 'PAUSED_BLOCKED') AND NOT EXISTS (SELECT 1 FROM"
      + "   QRTZ_FIRED_TRIGGERS f WHERE f.SCHED_NAME = t.SCHED_NAME AND f.JOB_NAME = t.JOB_NAME"
      + "   AND f.JOB_GROUP = t.JOB_GROUP AND f.STATE = 'EXECUTING')))";

  private record Stuck(String name, String group, String state) {}

  private final Jdbc jdbc;
  private final Scheduler scheduler;
  private final String schedulerName;

  StuckTriggerRepair(Jdbc jdbc, Scheduler scheduler, String schedulerName) {
    this.jdbc = jdbc;
    this.scheduler = scheduler;
    this.schedulerName = schedulerName;
  }

  @Override
  public String name() {
    return "quartz-triggers";
  }

  @Override
  public List<String> runOnce() {
    List<String> done = new ArrayList<>(freeAcquiredAndBlocked());
    done.addAll(resetErrors());
    return done;
  }

  private List<String> freeAcquiredAndBlocked() {
    return jdbc.inTransaction(tx -> {
      tx.query("SELECT LOCK_NAME FROM QRTZ_LOCKS WHERE SCHED_NAME = ? AND LOCK_NAME = 'TRIGGER_ACCESS'"
          + " FOR UPDATE", a -> a.string(schedulerName), r -> 1);
      List<Stuck> stuck = tx.query(STUCK, a -> a.string(schedulerName),
          r -> new Stuck(r.string("TRIGGER_NAME"), r.string("TRIGGER_GROUP"), r.string("TRIGGER_STATE")));
      List<String> done = new ArrayList<>();
      for (Stuck s : stuck) {
        String to = s.state().equals("PAUSED_BLOCKED") ? "PAUSED" : "WAITING";
        tx.update("UPDATE QRTZ_TRIGGERS SET TRIGGER_STATE = ? WHERE SCHED_NAME = ? AND TRIGGER_NAME = ?"
                + " AND TRIGGER_GROUP = ? AND TRIGGER_STATE = ?",
            a -> a.string(to).string(schedulerName).string(s.name()).string(s.group()).string(s.state()));
        done.add("trigger " + s.group() + "." + s.name() + " was " + s.state()
            + " with nothing executing for it; set back to " + to);
      }
      return done;
    });
  }

  private List<String> resetErrors() {
    List<Stuck> errors = jdbc.query("SELECT TRIGGER_NAME, TRIGGER_GROUP, TRIGGER_STATE FROM QRTZ_TRIGGERS"
            + " WHERE SCHED_NAME = ? AND TRIGGER_STATE = 'ERROR'", a -> a.string(schedulerName),
        r -> new Stuck(r.string("TRIGGER_NAME"), r.string("TRIGGER_GROUP"), r.string("TRIGGER_STATE")));
    List<String> done = new ArrayList<>();
    for (Stuck s : errors) {
      try {
        scheduler.resetTriggerFromErrorState(TriggerKey.triggerKey(s.name(), s.group()));
        done.add("trigger " + s.group() + "." + s.name() + " was in ERROR; reset");
      } catch (SchedulerException e) {
        done.add("trigger " + s.group() + "." + s.name() + " is in ERROR and could not be reset: " + e.getMessage());
      }
    }
    return done;
  }
}
