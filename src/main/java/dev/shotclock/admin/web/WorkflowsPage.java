package dev.shotclock.admin.web;

import static dev.shotclock.admin.web.EventsPage.enc;

import dev.shotclock.admin.Operations;

/** Every workflow, a page at a time: triggers, next fire, the last outcomes, pause state, actions. */
final class WorkflowsPage {

  static final int PAGE = 50;
  static final int STRIP = 20;

  private final Operations ops;

  WorkflowsPage(Operations ops) {
    this.ops = ops;
  }

  String render(WebRequest req, WebSessions.Session session) {
    String q = req.param("q");
    int offset = Params.offset(req);
    Operations.WorkflowPage page = ops.workflowPage(q, offset, PAGE, STRIP);
    Html h = new Html();
    h.open("form", "class", "search", "method", "get", "action", "/ui/workflows")
        .open("input", "name", "q", "value", q, "placeholder", "workflow id contains", "id", "q")
        .raw("<button type=\"submit\">Filter</button></form>");
    h.el("p", page.total() + " workflows" + (page.total() > PAGE ? ", " + (offset + 1) + "–"
        + Math.min(offset + PAGE, page.total()) + " shown" : ""), "class", "muted", "id", "workflow-total");
    h.open("table", "class", "workflows", "id", "workflows").raw("<thead><tr><th>workflow</th>"
        + "<th>triggers</th><th>next fire</th><th>last runs</th><th>state</th>"
        + (session.canAct() ? "<th>actions</th>" : "") + "</tr></thead><tbody>");
    for (Operations.WorkflowRow row : page.rows()) {
      Operations.WorkflowInfo wf = row.info();
      h.open("tr", "data-workflow", wf.id()).open("td")
          .link("/ui/workflows/" + enc(wf.id()), wf.id(), "class", "wf-link")
          .el("div", wf.description(), "class", "muted").close("td");
      h.el("td", wf.triggers().isEmpty() ? "manual" : String.join(", ", wf.triggers()));
      h.el("td", Format.time(wf.nextFire()), "class", "next-fire");
      h.open("td");
      Widgets.strip(h, row.recent());
      h.close("td").open("td", "class", "pause-state");
      if (wf.paused()) {
        h.el("span", "PAUSED", "class", "state st-PAUSED").el("div", "by " + wf.pausedBy()
            + (wf.pauseReason() != null ? ": " + wf.pauseReason() : "")
            + (wf.pausedUntil() != null ? " until " + Format.time(wf.pausedUntil()) : ""), "class", "muted");
      } else {
        h.el("span", "active", "class", "state st-ACTIVE");
      }
      h.close("td");
      if (session.canAct()) {
        h.open("td", "class", "actions");
        actions(h, wf);
        h.close("td");
      }
      h.close("tr");
    }
    h.raw("</tbody></table>");
    h.open("nav", "class", "pager");
    String base = "/ui/workflows?" + (q != null ? "q=" + enc(q) + "&" : "") + "offset=";
    if (offset > 0) {
      h.link(base + Math.max(0, offset - PAGE), "« previous", "id", "previous");
    }
    if (offset + PAGE < page.total()) {
      h.link(base + (offset + PAGE), "next »", "id", "next");
    }
    h.close("nav");
    return Layout.page("Workflows", "workflows", session, h);
  }

  /** Trigger, and pause or resume; element ids carry the workflow id so tests and people can find them. */
  static void actions(Html h, Operations.WorkflowInfo wf) {
    String base = "/ui/api/workflows/" + enc(wf.id());
    Widgets.button(h, base + "/trigger", "Trigger", "trigger-" + wf.id(), null);
    if (wf.paused()) {
      Widgets.resumeForm(h, base + "/resume", "wf-" + wf.id());
    } else {
      Widgets.pauseForm(h, base + "/pause", "wf-" + wf.id());
    }
  }
}
