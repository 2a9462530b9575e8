package dev.shotclock.admin.web;

import dev.shotclock.admin.Operations;
import dev.shotclock.history.Event;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The audit log, the watchdog's repairs and the daemon's other events, newest first. */
final class EventsPage {

  static final int PAGE = 100;
  private static final List<String> KINDS = List.of("AUDIT", "REPAIR", "ORPHAN_KILLED", "RUN_INTERRUPTED",
      "SLOTS_MISSED", "WORKFLOW_PAUSED", "WORKFLOW_RESUMED", "CONFIG_RELOADED", "STORE_OUTAGE");

  private final Operations ops;

  EventsPage(Operations ops) {
    this.ops = ops;
  }

  String render(WebRequest req, WebSessions.Session session) {
    String kind = req.param("kind");
    String workflow = req.param("workflow");
    Long before = Params.id(req, "before");
    List<Event> events = ops.events(kind, workflow, before, PAGE);
    Html h = new Html();
    h.open("nav", "class", "filters").link("/ui/events", "all", "class", kind == null ? "active" : null);
    for (String k : KINDS) {
      h.link("/ui/events?kind=" + k, k.equals("AUDIT") ? "audit log" : k.equals("REPAIR") ? "watchdog repairs" : k,
          "class", k.equals(kind) ? "active" : null);
    }
    h.close("nav");
    table(h, events);
    String base = "/ui/events" + (kind != null ? "?kind=" + enc(kind) : "")
        + (workflow != null ? (kind != null ? "&" : "?") + "workflow=" + enc(workflow) : "");
    Widgets.keysetPager(h, base, before, events.isEmpty() ? null : events.get(events.size() - 1).id(),
        events.size() == PAGE);
    return Layout.page("Events", "events", session, h);
  }

  static void table(Html h, List<Event> events) {
    h.open("table", "class", "events", "id", "events").raw("<thead><tr><th>at</th><th>kind</th>"
        + "<th>severity</th><th>workflow</th><th>run</th><th>message</th></tr></thead><tbody>");
    for (Event e : events) {
      h.open("tr", "class", "sev-" + e.severity()).el("td", Format.time(e.at())).el("td", e.kind())
          .el("td", e.severity()).open("td");
      if (e.workflowId() != null) {
        h.link("/ui/workflows/" + enc(e.workflowId()), e.workflowId());
      }
      h.close("td").open("td");
      if (e.runId() != null) {
        h.link("/ui/runs/" + e.runId(), "#" + e.runId());
      }
      h.close("td").el("td", e.message(), "class", "message").close("tr");
    }
    if (events.isEmpty()) {
      h.raw("<tr><td colspan=\"6\" class=\"muted\">no events</td></tr>");
    }
    h.raw("</tbody></table>");
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
