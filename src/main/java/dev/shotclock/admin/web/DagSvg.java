package dev.shotclock.admin.web;

import dev.shotclock.admin.Operations.StepNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A workflow's steps as a left-to-right graph, drawn on the server: each step in the column of
 * its longest path from a root, so every edge points right. Node colours are the step's state in
 * the selected run (CSS classes, no inline style: the CSP forbids it).
 */
final class DagSvg {

  private static final int COL = 200;
  private static final int ROW = 56;
  private static final int W = 150;
  private static final int H = 34;

  private DagSvg() {}

  /** @param states step id → state name in the selected run (absent: did not run) */
  static String draw(List<StepNode> steps, Map<String, String> states) {
    Map<String, Integer> depth = new HashMap<>();
    steps.forEach(s -> depthOf(s.id(), steps, depth));
    Map<Integer, List<StepNode>> columns = new HashMap<>();
    steps.forEach(s -> columns.computeIfAbsent(depth.get(s.id()), d -> new ArrayList<>()).add(s));
    Map<String, int[]> pos = new HashMap<>();
    int rows = 1;
    for (var e : columns.entrySet()) {
      List<StepNode> col = e.getValue();
      rows = Math.max(rows, col.size());
      for (int i = 0; i < col.size(); i++) {
        pos.put(col.get(i).id(), new int[] {10 + e.getKey() * COL, 10 + i * ROW});
      }
    }
    int width = 20 + columns.size() * COL - (COL - W);
    int height = 20 + rows * ROW - (ROW - H);
    Html svg = new Html();
    svg.open("svg", "xmlns", "http://www.w3.org/2000/svg", "class", "dag", "id", "dag",
        "width", Integer.toString(width), "height", Integer.toString(height),
        "viewBox", "0 0 " + width + " " + height, "role", "img", "aria-label", "steps of the workflow");
    for (StepNode s : steps) {
      int[] to = pos.get(s.id());
      s.upstream().forEach((up, mode) -> {
        int[] from = pos.get(up);
        if (from != null) {
          svg.open("line", "x1", Integer.toString(from[0] + W), "y1", Integer.toString(from[1] + H / 2),
              "x2", Integer.toString(to[0]), "y2", Integer.toString(to[1] + H / 2),
              "class", "edge edge-" + mode.split(" ")[0]).open("title").text(up + " → " + s.id() + ": " + mode)
              .close("title").close("line");
        }
      });
    }
    for (StepNode s : steps) {
      int[] p = pos.get(s.id());
      String state = states.getOrDefault(s.id(), "NONE");
      svg.open("g", "class", "node st-" + state, "data-step", s.id());
      svg.open("rect", "x", Integer.toString(p[0]), "y", Integer.toString(p[1]), "width", Integer.toString(W),
          "height", Integer.toString(H), "rx", "5").open("title")
          .text(s.id() + " (" + s.kind() + (s.critical() ? "" : ", non-critical") + "): " + state)
          .close("title").close("rect");
      svg.el("text", clip(s.id()), "x", Integer.toString(p[0] + 8), "y", Integer.toString(p[1] + 22));
      svg.close("g");
    }
    return svg.close("svg").toString();
  }

  private static int depthOf(String id, List<StepNode> steps, Map<String, Integer> memo) {
    Integer known = memo.get(id);
    if (known != null) {
      return known;
    }
    memo.put(id, 0); // the loader refuses cycles; this only guards the recursion
    int d = 0;
    for (StepNode s : steps) {
      if (s.id().equals(id)) {
        for (String up : s.upstream().keySet()) {
          d = Math.max(d, depthOf(up, steps, memo) + 1);
        }
      }
    }
    memo.put(id, d);
    return d;
  }

  private static String clip(String id) {
    return id.length() <= 18 ? id : id.substring(0, 17) + "…";
  }
}
