package dev.shotclock.admin.web;

import dev.shotclock.history.RunRecord;
import java.util.List;
import java.util.Map;

/**
 * Pieces that several pages show: action forms (which the script posts as JSON with the CSRF
 * header), the outcome strip, pagers. Action forms are only drawn for a session that may act;
 * the server refuses the actions of a read-only session regardless.
 */
final class Widgets {

  private Widgets() {}

  /** A one-button action. */
  static void button(Html h, String action, String label, String id, String confirm) {
    h.open("form", "class", "js-action inline", "data-action", action, "data-confirm", confirm)
        .el("button", label, "type", "submit", "id", id).close("form");
  }

  static void pauseForm(Html h, String action, String idPrefix) {
    h.open("form", "class", "js-action inline pause", "data-action", action)
        .open("input", "name", "reason", "placeholder", "reason", "maxlength", "2000", "id", idPrefix + "-reason")
        .open("input", "name", "until", "placeholder", "until (2h or ISO time)", "size", "14", "id", idPrefix + "-until")
        .el("button", "Pause", "type", "submit", "id", idPrefix + "-pause").close("form");
  }

  static void resumeForm(Html h, String action, String idPrefix) {
    h.open("form", "class", "js-action inline resume", "data-action", action)
        .open("select", "name", "catch_up", "id", idPrefix + "-catch-up", "title", "catch-up of the slots missed while paused");
    for (String choice : List.of("skip", "once", "all")) {
      h.el("option", "catch up: " + choice, "value", choice);
    }
    h.close("select").el("button", "Resume", "type", "submit", "id", idPrefix + "-resume").close("form");
  }

  /** The end states of a workflow's newest runs as coloured cells, oldest on the left. */
  static void strip(Html h, List<RunRecord> newestFirst) {
    h.open("span", "class", "strip");
    for (int i = newestFirst.size() - 1; i >= 0; i--) {
      RunRecord r = newestFirst.get(i);
      h.open("a", "href", "/ui/runs/" + r.id(), "class", "cell st-" + r.state(),
          "title", "#" + r.id() + " " + r.state() + " " + Format.time(r.scheduledAt())).close("a");
    }
    h.close("span");
  }

  static void state(Html h, Object state) {
    h.el("span", state, "class", "state st-" + state);
  }

  /** A table of name → count. */
  static void counts(Html h, String caption, Map<String, ?> counts, String id) {
    h.open("table", "class", "counts", "id", id).el("caption", caption);
    if (counts.isEmpty()) {
      h.raw("<tr><td class=\"muted\">none</td></tr>");
    }
    counts.forEach((k, v) -> h.open("tr").open("th").open("span", "class", "dot st-" + k).close("span").text(k)
        .close("th").el("td", v).close("tr"));
    h.close("table");
  }

  /** "Newer"/"older" links for keyset paging: {@code base} already carries the filters. */
  static void keysetPager(Html h, String base, Long before, Long lastId, boolean full) {
    h.open("nav", "class", "pager");
    if (before != null) {
      h.link(base, "« newest", "id", "newest");
    }
    if (full && lastId != null) {
      h.link(base + (base.contains("?") ? "&" : "?") + "before=" + lastId, "older »", "id", "older");
    }
    h.close("nav");
  }
}
