package dev.shotclock.admin.web;

import dev.shotclock.history.RunState;
import dev.shotclock.history.RunStats;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/** A workflow's last days: runs by outcome and their durations, pruned runs included. */
final class StatsPanel {

  static final int DAYS = 14;

  private StatsPanel() {}

  static void render(Html h, RunStats.WorkflowStats s) {
    h.el("h2", "Last " + s.days() + " days (UTC)");
    h.open("table", "id", "stats").raw("<thead><tr><th>day</th><th>runs</th><th>outcomes</th>"
        + "<th>not run</th><th>p50</th><th>p95</th><th>max</th></tr></thead><tbody>");
    row(h, "all " + s.days() + " days", s.total(), "stats-total");
    s.daily().forEach(d -> row(h, d.day().toString(), d, null));
    h.raw("</tbody></table>");
    if (s.total().pruned() > 0) {
      h.el("p", s.total().pruned() + " of these slots were pruned from the history: they are counted"
          + " from daily aggregates, and their durations are within about 3 %.", "class", "muted");
    }
  }

  private static void row(Html h, String label, RunStats.DayStats d, String id) {
    h.open("tr", "id", id).el("td", label).el("td", d.runs()).open("td");
    d.outcomes().forEach((state, n) -> {
      if (RunState.ENDED.contains(state)) {
        Widgets.state(h, state);
        h.text(" " + n + " ");
      }
    });
    h.close("td").el("td", d.notRun(), "title", notRunDetail(d.outcomes()))
        .el("td", millis(d.p50Ms())).el("td", millis(d.p95Ms())).el("td", millis(d.maxMs())).close("tr");
  }

  private static String notRunDetail(Map<RunState, Long> outcomes) {
    return outcomes.entrySet().stream().filter(e -> RunState.NOT_RUN.contains(e.getKey()))
        .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
  }

  private static String millis(Long ms) {
    return ms == null ? "–" : Format.duration(Duration.ofMillis(ms));
  }
}
