package dev.shotclock.admin.web;

import static dev.shotclock.admin.web.EventsPage.enc;

import dev.shotclock.admin.Operations;
import dev.shotclock.history.RunRecord;
import dev.shotclock.history.StepRunRecord;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One workflow: its graph with a run's step states, the timeline of recent runs, why, its last days
 * in numbers, runs, missed slots.
 */
final class WorkflowPage {

  static final int RUNS = 50;
  static final int TIMELINE = 10;
  static final int MISSED = 20;

  private final Operations ops;
  private final Clock clock;

  WorkflowPage(Operations ops, Clock clock) {
    this.ops = ops;
    this.clock = clock;
  }

  String render(String id, WebRequest req, WebSessions.Session session) {
    Operations.WorkflowInfo wf = ops.workflow(id);
    Long before = Params.id(req, "before");
    List<RunRecord> runs = ops.runs(id, null, before, RUNS);
    List<Operations.RunDetail> timeline = new ArrayList<>();
    for (RunRecord r : ops.runs(id, null, null, TIMELINE)) {
      timeline.add(ops.run(r.id()));
    }
    Long selected = Params.id(req, "run");
    Operations.RunDetail shown = selected != null ? ops.run(selected)
        : timeline.isEmpty() ? null : timeline.get(0);
    if (shown != null && !shown.run().workflowId().equals(id)) {
      shown = null;
    }

    Html h = new Html();
    h.el("p", wf.description(), "class", "muted");
    h.open("dl", "class", "facts");
    h.el("dt", "triggers").el("dd", wf.triggers().isEmpty() ? "manual" : String.join(", ", wf.triggers()));
    h.el("dt", "next fire").el("dd", Format.time(wf.nextFire()), "id", "next-fire");
    h.el("dt", "overlap").el("dd", wf.overlap()).el("dt", "catch-up").el("dd", wf.catchUp());
    h.el("dt", "state").open("dd", "id", "pause-state");
    if (wf.paused()) {
      h.text("PAUSED by " + wf.pausedBy() + (wf.pauseReason() != null ? ": " + wf.pauseReason() : "")
          + (wf.pausedUntil() != null ? " until " + Format.time(wf.pausedUntil()) : ""));
    } else {
      h.text("active");
    }
    h.close("dd").close("dl");
    if (session.canAct()) {
      h.open("div", "class", "actions");
      WorkflowsPage.actions(h, wf);
      h.close("div");
    }

    h.el("h2", shown == null ? "Steps" : "Steps in run #" + shown.run().id() + " (" + shown.run().state() + ")");
    Map<String, String> states = new HashMap<>();
    if (shown != null) {
      for (StepRunRecord s : shown.steps()) {
        states.put(s.stepId(), s.state().name()); // later tries overwrite earlier ones
      }
    }
    h.raw("<div class=\"scroll\">").raw(DagSvg.draw(ops.steps(id), states)).raw("</div>");

    h.el("h2", "Timeline of the last " + timeline.size() + " runs");
    h.raw("<div class=\"scroll\">").raw(GanttSvg.draw(timeline, clock.instant())).raw("</div>");

    h.el("h2", "Why");
    Operations.Why why = ops.why(id);
    h.open("ul", "id", "why");
    why.lines().forEach(l -> h.el("li", l));
    h.close("ul");

    StatsPanel.render(h, ops.stats(id, StatsPanel.DAYS));

    h.el("h2", "Runs");
    RunPage.runsTable(h, runs, id, clock);
    Widgets.keysetPager(h, "/ui/workflows/" + enc(id), before,
        runs.isEmpty() ? null : runs.get(runs.size() - 1).id(), runs.size() == RUNS);

    h.el("h2", "Missed slots");
    List<RunRecord> missed = ops.missed(id, MISSED);
    h.open("table", "id", "missed").raw("<thead><tr><th>slot</th><th>state</th><th>reason</th></tr></thead><tbody>");
    for (RunRecord m : missed) {
      h.open("tr").el("td", Format.time(m.scheduledAt())).open("td");
      Widgets.state(h, m.state());
      h.close("td").el("td", m.reason()).close("tr");
    }
    if (missed.isEmpty()) {
      h.raw("<tr><td colspan=\"3\" class=\"muted\">none</td></tr>");
    }
    h.raw("</tbody></table>");
    return Layout.page(wf.id(), "workflows", session, h);
  }
}
