package dev.shotclock.admin.web;

import static dev.shotclock.admin.web.EventsPage.enc;

import dev.shotclock.admin.Operations;
import dev.shotclock.history.RunRecord;
import dev.shotclock.history.RunState;
import dev.shotclock.history.StepRunRecord;
import java.time.Clock;
import java.util.List;

/** One run: its facts, its steps' tries, its events, and its log (tailed by the script while it runs). */
final class RunPage {

  /** The page shows at most the log's last 256 KiB; the script fetches what follows. */
  static final int LOG_WINDOW = 256 * 1024;

  private final Operations ops;
  private final Clock clock;

  RunPage(Operations ops, Clock clock) {
    this.ops = ops;
    this.clock = clock;
  }

  String render(long runId, WebSessions.Session session) {
    Operations.RunDetail d = ops.run(runId);
    RunRecord r = d.run();
    Html h = new Html();
    h.open("dl", "class", "facts");
    h.el("dt", "workflow").open("dd").link("/ui/workflows/" + enc(r.workflowId()) + "?run=" + r.id(),
        r.workflowId(), "id", "run-workflow").close("dd");
    h.el("dt", "state").open("dd");
    h.el("span", r.state(), "class", "state st-" + r.state(), "id", "run-state");
    h.close("dd");
    fact(h, "trigger", r.triggerKind() + (r.requestedBy() != null ? " by " + r.requestedBy() : ""));
    fact(h, "scheduled", Format.time(r.scheduledAt()));
    fact(h, "started", Format.time(r.startedAt()));
    fact(h, "finished", Format.time(r.finishedAt()));
    fact(h, "duration", Format.duration(r.duration(clock.instant())));
    fact(h, "attempt", Integer.toString(r.attempt()));
    fact(h, "node", r.nodeId());
    if (!r.params().isEmpty()) {
      fact(h, "parameters", r.params().toString());
    }
    if (r.retryOf() != null) {
      h.el("dt", "retry of").open("dd").link("/ui/runs/" + r.retryOf(), "#" + r.retryOf()).close("dd");
    }
    if (r.reason() != null) {
      fact(h, "reason", r.reason());
    }
    if (r.error() != null) {
      h.el("dt", "error").el("dd", r.error(), "class", "error", "id", "run-error");
    }
    h.close("dl");
    if (session.canAct()) {
      h.open("div", "class", "actions");
      if (!r.state().isTerminal()) {
        Widgets.button(h, "/ui/api/runs/" + r.id() + "/cancel", "Cancel", "cancel", "Cancel run #" + r.id() + "?");
      } else if (r.state() != RunState.SUCCEEDED && !RunState.NOT_RUN.contains(r.state())) {
        Widgets.button(h, "/ui/api/runs/" + r.id() + "/retry", "Retry failed steps", "retry", null);
      }
      h.close("div");
    }

    h.el("h2", "Steps");
    h.open("table", "id", "steps").raw("<thead><tr><th>step</th><th>try</th><th>state</th><th>started</th>"
        + "<th>duration</th><th>exit code</th><th>output</th><th>error</th></tr></thead><tbody>");
    for (StepRunRecord s : d.steps()) {
      h.open("tr", "data-step", s.stepId()).el("td", s.stepId()).el("td", s.runAttempt() + "." + s.tryNumber())
          .open("td");
      Widgets.state(h, s.state());
      h.close("td").el("td", Format.time(s.startedAt()))
          .el("td", Format.between(s.startedAt(), s.finishedAt() != null ? s.finishedAt() : clock.instant()))
          .el("td", s.exitCode() == null ? "–" : s.exitCode(), "class", "exit-code")
          .el("td", s.outputBytes() + " B").el("td", s.error(), "class", "error").close("tr");
    }
    if (d.steps().isEmpty()) {
      h.raw("<tr><td colspan=\"8\" class=\"muted\">no step has started</td></tr>");
    }
    h.raw("</tbody></table>");

    h.el("h2", "Log");
    Operations.LogChunk first = ops.log(runId, 0, 1);
    long from = Math.max(0, first.size() - LOG_WINDOW);
    Operations.LogChunk chunk = ops.log(runId, from, LOG_WINDOW);
    if (from > 0) {
      h.el("p", "showing the last " + (LOG_WINDOW / 1024) + " KiB of " + first.size() + " bytes", "class", "muted");
    }
    h.el("pre", chunk.text(), "id", "log", "class", "log", "data-run", Long.toString(runId),
        "data-next", Long.toString(chunk.next()), "data-complete", Boolean.toString(chunk.complete()));

    h.el("h2", "Events");
    EventsPage.table(h, d.events());
    return Layout.page("Run #" + r.id(), "workflows", session, h);
  }

  private static void fact(Html h, String term, String value) {
    h.el("dt", term).el("dd", value);
  }

  static void runsTable(Html h, List<RunRecord> runs, String workflowId, Clock clock) {
    h.open("table", "id", "runs").raw("<thead><tr><th>run</th><th>state</th><th>trigger</th><th>scheduled</th>"
        + "<th>started</th><th>duration</th><th>error</th></tr></thead><tbody>");
    for (RunRecord r : runs) {
      h.open("tr", "data-run", Long.toString(r.id())).open("td").link("/ui/runs/" + r.id(), "#" + r.id())
          .text(" ").link("/ui/workflows/" + enc(workflowId) + "?run=" + r.id(), "graph", "class", "muted")
          .close("td").open("td");
      Widgets.state(h, r.state());
      h.close("td").el("td", r.triggerKind()).el("td", Format.time(r.scheduledAt()))
          .el("td", Format.time(r.startedAt())).el("td", Format.duration(r.duration(clock.instant())))
          .el("td", r.error() != null ? r.error() : r.reason(), "class", "error").close("tr");
    }
    if (runs.isEmpty()) {
      h.raw("<tr><td colspan=\"7\" class=\"muted\">no runs</td></tr>");
    }
    h.raw("</tbody></table>");
  }
}
