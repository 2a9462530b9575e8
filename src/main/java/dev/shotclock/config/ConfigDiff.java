package dev.shotclock.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a reload would change. Workflows are live: added, changed and removed ones take effect at
 * once. Daemon settings are frozen at start (store, state directory, ports, pool sizes): a change
 * there is reported as needing a restart and not applied, as HikariCP seals its configuration.
 */
public record ConfigDiff(
    List<String> added, List<String> changed, List<String> removed, List<String> restartNeeded,
    boolean sourcesChanged) {

  public static ConfigDiff between(ShotClockConfig before, ShotClockConfig after) {
    Map<String, WorkflowDef> old = before.workflowsById();
    Map<String, WorkflowDef> now = after.workflowsById();
    List<String> added = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    now.forEach((id, wf) -> {
      if (!old.containsKey(id)) {
        added.add(id);
      } else if (!old.get(id).equals(wf)) {
        changed.add(id);
      }
    });
    old.keySet().stream().filter(id -> !now.containsKey(id)).forEach(removed::add);
    return new ConfigDiff(added, changed, removed, frozenChanges(before.daemon(), after.daemon()),
        !before.sources().equals(after.sources()));
  }

  public boolean isEmpty() {
    return added.isEmpty() && changed.isEmpty() && removed.isEmpty() && restartNeeded.isEmpty()
        && !sourcesChanged;
  }

  private static List<String> frozenChanges(DaemonSettings a, DaemonSettings b) {
    List<String> out = new ArrayList<>();
    compare(out, "node_id", a.nodeId(), b.nodeId());
    compare(out, "state_dir", a.stateDir(), b.stateDir());
    compare(out, "store", a.store(), b.store());
    compare(out, "scheduler", a.scheduler(), b.scheduler());
    compare(out, "admin", a.admin(), b.admin());
    compare(out, "logs", a.logs(), b.logs());
    compare(out, "retention", a.retention(), b.retention());
    compare(out, "watchdog", a.watchdog(), b.watchdog());
    compare(out, "notifications", a.notifications(), b.notifications());
    return out;
  }

  private static void compare(List<String> out, String key, Object a, Object b) {
    if (!Objects.equals(a, b)) {
      out.add(key);
    }
  }
}
