package dev.shotclock.admin.web;

import dev.shotclock.admin.Operations.RunDetail;
import dev.shotclock.history.StepRunRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recent runs and their steps on one time axis: a row per run, then a row per step with a bar
 * per try, so parallel steps, retries and the slow step of a run show at a glance.
 */
final class GanttSvg {

  private static final int LABEL = 170;
  private static final int PLOT = 760;
  private static final int ROW = 16;

  private GanttSvg() {}

  static String draw(List<RunDetail> runs, Instant now) {
    Instant from = null;
    Instant to = null;
    for (RunDetail r : runs) {
      if (r.run().startedAt() != null) {
        Instant end = r.run().finishedAt() != null ? r.run().finishedAt() : now;
        from = from == null || r.run().startedAt().isBefore(from) ? r.run().startedAt() : from;
        to = to == null || end.isAfter(to) ? end : to;
      }
    }
    if (from == null) {
      return new Html().el("p", "No run of this workflow has started yet.", "class", "muted").toString();
    }
    long span = Math.max(1, to.toEpochMilli() - from.toEpochMilli());
    List<String> rows = new ArrayList<>();
    Html bars = new Html();
    for (RunDetail r : runs) {
      if (r.run().startedAt() == null) {
        continue;
      }
      int y = rows.size() * ROW;
      rows.add("run " + r.run().id());
      bar(bars, from, span, r.run().startedAt(), r.run().finishedAt() != null ? r.run().finishedAt() : now,
          y, "run st-" + r.run().state(), "run " + r.run().id() + " " + r.run().state() + " "
              + Format.between(r.run().startedAt(), r.run().finishedAt() != null ? r.run().finishedAt() : now));
      Map<String, List<StepRunRecord>> bySteps = new LinkedHashMap<>();
      r.steps().forEach(s -> bySteps.computeIfAbsent(s.stepId(), k -> new ArrayList<>()).add(s));
      for (var e : bySteps.entrySet()) {
        int sy = rows.size() * ROW;
        rows.add("  " + e.getKey());
        for (StepRunRecord s : e.getValue()) {
          if (s.startedAt() != null) {
            Instant end = s.finishedAt() != null ? s.finishedAt() : now;
            bar(bars, from, span, s.startedAt(), end, sy, "step st-" + s.state(),
                e.getKey() + " try " + s.tryNumber() + " " + s.state() + " " + Format.between(s.startedAt(), end));
          }
        }
      }
    }
    int height = rows.size() * ROW + 24;
    Html svg = new Html();
    svg.open("svg", "xmlns", "http://www.w3.org/2000/svg", "class", "gantt", "id", "gantt",
        "width", Integer.toString(LABEL + PLOT + 10), "height", Integer.toString(height),
        "viewBox", "0 0 " + (LABEL + PLOT + 10) + " " + height, "role", "img", "aria-label", "timeline of recent runs");
    for (int i = 0; i < rows.size(); i++) {
      svg.el("text", rows.get(i), "x", "4", "y", Integer.toString(i * ROW + 12),
          "class", rows.get(i).startsWith("run ") ? "label run" : "label");
    }
    svg.raw(bars.toString());
    int axis = rows.size() * ROW + 16;
    svg.el("text", Format.time(from), "x", Integer.toString(LABEL), "y", Integer.toString(axis), "class", "axis");
    svg.el("text", Format.time(to), "x", Integer.toString(LABEL + PLOT), "y", Integer.toString(axis),
        "class", "axis end");
    return svg.close("svg").toString();
  }

  private static void bar(Html svg, Instant from, long span, Instant start, Instant end, int y,
      String cls, String title) {
    double x = LABEL + PLOT * (start.toEpochMilli() - from.toEpochMilli()) / (double) span;
    double w = Math.max(2, PLOT * (end.toEpochMilli() - start.toEpochMilli()) / (double) span);
    svg.open("rect", "x", String.format(java.util.Locale.ROOT, "%.1f", x), "y", Integer.toString(y + 2),
        "width", String.format(java.util.Locale.ROOT, "%.1f", w), "height", Integer.toString(ROW - 4), "class", cls)
        .el("title", title).close("rect");
  }
}
