package dev.shotclock.admin.web;

import static dev.shotclock.admin.web.EventsPage.enc;

import dev.shotclock.admin.Operations;
import dev.shotclock.queue.Priority;
import dev.shotclock.queue.Task;
import dev.shotclock.queue.TaskState;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The task queue: counts by state, priority and source, the oldest pending age, tasks, dead letters. */
final class QueuePage {

  static final int PAGE = 100;
  private static final Set<TaskState> REQUEUEABLE =
      EnumSet.of(TaskState.DEAD, TaskState.FAILED, TaskState.TIMED_OUT, TaskState.CANCELLED);
  private static final Set<TaskState> LIVE = EnumSet.of(TaskState.PENDING, TaskState.RUNNING, TaskState.RETRY_WAIT);

  private final Operations ops;

  QueuePage(Operations ops) {
    this.ops = ops;
  }

  String render(WebRequest req, WebSessions.Session session) {
    String state = req.param("state");
    String source = req.param("source");
    String priority = req.param("priority");
    Long before = Params.id(req, "before");
    Operations.QueueView view = ops.tasks(state, source, priority, before, PAGE);
    var stats = view.stats();
    Html h = new Html();
    h.raw("<section class=\"cards\">");
    Map<String, Long> byState = new LinkedHashMap<>();
    for (TaskState s : TaskState.values()) {
      byState.put(s.name(), stats.byState().getOrDefault(s, 0L));
    }
    h.open("div", "class", "card");
    Widgets.counts(h, "tasks by state", byState, "queue-states");
    h.close("div").open("div", "class", "card");
    Map<String, Long> byPriority = new LinkedHashMap<>();
    for (Priority p : Priority.values()) {
      byPriority.put(p.name(), stats.liveByPriority().getOrDefault(p, 0L));
    }
    Widgets.counts(h, "live by priority", byPriority, "queue-priority");
    h.close("div").open("div", "class", "card");
    Widgets.counts(h, "live by source", new TreeMap<>(stats.liveBySource()), "queue-source");
    h.el("p", "oldest pending: " + stats.oldestPendingAge().map(Format::duration).orElse("none"), "id", "oldest-pending");
    h.close("div").raw("</section>");

    h.open("nav", "class", "filters").link("/ui/queue", "all", "class", state == null ? "active" : null);
    for (TaskState s : TaskState.values()) {
      h.link("/ui/queue?state=" + s, s == TaskState.DEAD ? "DEAD (dead letters)" : s.name(),
          "class", s.name().equalsIgnoreCase(state) ? "active" : null, "id", "filter-" + s);
    }
    h.close("nav");

    h.open("table", "id", "tasks").raw("<thead><tr><th>task</th><th>key</th><th>source</th><th>priority</th>"
        + "<th>state</th><th>attempts</th><th>created</th><th>run</th><th>last error</th>"
        + (session.canAct() ? "<th>actions</th>" : "") + "</tr></thead><tbody>");
    for (Task t : view.tasks()) {
      h.open("tr", "data-task", Long.toString(t.id())).el("td", "#" + t.id()).el("td", t.dedupeKey())
          .el("td", t.source()).el("td", t.priority()).open("td");
      Widgets.state(h, t.state());
      h.close("td").el("td", t.attempt() + "/" + t.maxAttempts()).el("td", Format.time(t.createdAt())).open("td");
      if (t.runId() != null) {
        h.link("/ui/runs/" + t.runId(), "#" + t.runId());
      }
      h.close("td").el("td", t.lastError(), "class", "error");
      if (session.canAct()) {
        h.open("td", "class", "actions");
        if (REQUEUEABLE.contains(t.state())) {
          Widgets.button(h, "/ui/api/tasks/" + t.id() + "/requeue", "Requeue", "requeue-" + t.id(), null);
        }
        if (LIVE.contains(t.state())) {
          Widgets.button(h, "/ui/api/tasks/" + t.id() + "/cancel", "Cancel", "cancel-task-" + t.id(),
              "Cancel task #" + t.id() + "?");
        }
        h.close("td");
      }
      h.close("tr");
    }
    if (view.tasks().isEmpty()) {
      h.raw("<tr><td colspan=\"10\" class=\"muted\">no tasks</td></tr>");
    }
    h.raw("</tbody></table>");
    StringBuilder base = new StringBuilder("/ui/queue");
    char sep = '?';
    for (String[] f : new String[][] {{"state", state}, {"source", source}, {"priority", priority}}) {
      if (f[1] != null) {
        base.append(sep).append(f[0]).append('=').append(enc(f[1]));
        sep = '&';
      }
    }
    Widgets.keysetPager(h, base.toString(), before,
        view.tasks().isEmpty() ? null : view.tasks().get(view.tasks().size() - 1).id(), view.tasks().size() == PAGE);
    return Layout.page("Queue", "queue", session, h);
  }
}
