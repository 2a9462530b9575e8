package dev.shotclock.e2e;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a crash loop promised and what survived: the results the API confirmed, the runs seen
 * after each recovery, and the step executions the marker file recorded. Each check returns its
 * violations as sentences; the counts are printed at the end of the loop.
 */
final class CrashLedger {

  /** A run as the API lists it. */
  record Run(long id, String workflow, String slotKey, String state, int attempt) {}

  /** One line of the marker file: a step that started executing. */
  record Mark(long runId, int attempt, String step) {}

  private final Map<Long, Integer> confirmed = new ConcurrentHashMap<>();
  private final Map<Long, Run> lastSeen = new HashMap<>();
  private int lost;
  private int duplicates;

  /** The API said SUCCEEDED for this run at this attempt. */
  void confirm(long runId, int attempt) {
    confirmed.put(runId, attempt);
  }

  int confirmedCount() {
    return confirmed.size();
  }

  int lostCount() {
    return lost;
  }

  int duplicateCount() {
    return duplicates;
  }

  /**
   * Checks the runs seen after a recovery against everything seen and confirmed before, then
   * remembers them; returns the violations.
   */
  List<String> checkRuns(List<Run> runs) {
    List<String> problems = new ArrayList<>();
    Map<Long, Run> byId = new HashMap<>();
    Map<String, Long> slots = new HashMap<>();
    for (Run r : runs) {
      byId.put(r.id(), r);
      Long other = slots.put(r.workflow() + " " + r.slotKey(), r.id());
      if (other != null) {
        problems.add("slot " + r.workflow() + " " + r.slotKey() + " has two runs: " + other + " and " + r.id());
      }
    }
    confirmed.forEach((id, attempt) -> {
      Run now = byId.get(id);
      if (now == null || !now.state().equals("SUCCEEDED") || now.attempt() != attempt) {
        lost++;
        problems.add("run " + id + " was confirmed SUCCEEDED at attempt " + attempt + ", now "
            + (now == null ? "missing" : now.state() + " at attempt " + now.attempt()));
      }
    });
    lastSeen.forEach((id, before) -> {
      Run now = byId.get(id);
      if (now == null) {
        problems.add("run " + id + " (" + before.state() + ") is gone");
      } else if (now.attempt() < before.attempt()) {
        problems.add("run " + id + " went back from attempt " + before.attempt() + " to " + now.attempt());
      }
    });
    lastSeen.clear();
    lastSeen.putAll(byId);
    return problems;
  }

  /**
   * Checks the step executions: a step runs once per attempt, and no step of a run confirmed
   * SUCCEEDED runs again in a later attempt.
   */
  List<String> checkMarks(List<Mark> marks) {
    List<String> problems = new ArrayList<>();
    Map<Mark, Integer> counts = new HashMap<>();
    marks.forEach(m -> counts.merge(m, 1, Integer::sum));
    int found = 0;
    for (Map.Entry<Mark, Integer> e : counts.entrySet()) {
      Mark m = e.getKey();
      if (e.getValue() > 1) {
        found += e.getValue() - 1;
        problems.add("step " + m.step() + " of run " + m.runId() + " ran " + e.getValue()
            + " times in attempt " + m.attempt());
      }
      Integer confirmedAttempt = confirmed.get(m.runId());
      if (confirmedAttempt != null && m.attempt() > confirmedAttempt) {
        found++;
        problems.add("step " + m.step() + " of run " + m.runId() + " ran again in attempt "
            + m.attempt() + " after the run was confirmed SUCCEEDED at attempt " + confirmedAttempt);
      }
    }
    duplicates = found;
    return problems;
  }
}
