package dev.shotclock.admin.web;

import dev.shotclock.admin.Operations;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Health, the scheduler's state, today's outcomes, the queue, the latest events. */
final class OverviewPage {

  private final Operations ops;

  OverviewPage(Operations ops) {
    this.ops = ops;
  }

  String render(WebSessions.Session session) {
    Operations.Health health = ops.health();
    Operations.Summary s = ops.summary();
    Operations.QueueView queue = ops.tasks(null, null, null, null, 1);
    Html h = new Html();
    h.raw("<section class=\"cards\">");

    h.open("div", "class", "card", "id", "health").el("h2", "Health");
    h.open("p").el("span", health.status(), "class", "state st-" + health.status(), "id", "health-status").close("p");
    Widgets.counts(h, "components", health.components(), "components");
    if (!health.reasons().isEmpty()) {
      h.open("ul", "class", "reasons");
      health.reasons().forEach(r -> h.el("li", r));
      h.close("ul");
    }
    h.close("div");

    h.open("div", "class", "card", "id", "scheduler").el("h2", "Scheduler");
    h.open("dl");
    dt(h, "state", s.schedulerPaused() ? "PAUSED" : s.schedulerRunning() ? "RUNNING" : "STANDBY", "scheduler-state");
    if (s.schedulerPaused()) {
      dt(h, "paused by", s.pausedBy() + (s.pauseReason() != null ? ": " + s.pauseReason() : ""), null);
      dt(h, "until", s.pausedUntil() == null ? "resumed" : Format.time(s.pausedUntil()), null);
    }
    dt(h, "node", s.nodeId(), null);
    dt(h, "version", s.version(), null);
    dt(h, "store", s.store(), null);
    dt(h, "started", Format.time(s.startedAt()), null);
    dt(h, "workflows", s.workflows() + " (" + s.pausedWorkflows() + " paused)", "workflow-count");
    dt(h, "running runs", Integer.toString(s.runningRuns()), "running-runs");
    h.close("dl");
    if (session.canAct()) {
      if (s.schedulerPaused()) {
        Widgets.resumeForm(h, "/ui/api/resume", "all");
      } else {
        Widgets.pauseForm(h, "/ui/api/pause", "all");
      }
    }
    h.close("div");

    h.open("div", "class", "card", "id", "today").el("h2", "Runs today");
    h.el("p", "ended since " + Format.time(s.todayStart()), "class", "muted");
    Widgets.counts(h, "by outcome", s.endedToday(), "today-counts");
    h.close("div");

    h.open("div", "class", "card", "id", "queue").el("h2", "Queue");
    var stats = queue.stats();
    h.el("p", stats.totalLive() + " live tasks; oldest pending "
        + stats.oldestPendingAge().map(Format::duration).orElse("–"));
    Map<String, Long> byPriority = new LinkedHashMap<>();
    stats.liveByPriority().entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(e -> byPriority.put(e.getKey().name(), e.getValue()));
    Widgets.counts(h, "live by priority", byPriority, "queue-priority");
    Widgets.counts(h, "live by source", new TreeMap<>(stats.liveBySource()), "queue-source");
    h.close("div");
    h.raw("</section>");

    h.el("h2", "Recent events");
    EventsPage.table(h, ops.events(null, null, null, 15));
    h.link("/ui/events", "all events »");
    return Layout.page("Overview", "overview", session, h);
  }

  private static void dt(Html h, String term, String value, String id) {
    h.el("dt", term).el("dd", value, "id", id);
  }
}
