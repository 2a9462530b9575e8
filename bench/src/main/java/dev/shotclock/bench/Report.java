package dev.shotclock.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The console table and the Markdown summary of a run. */
final class Report {

  private Report() {}

  static String table(Summary s) {
    StringBuilder b = new StringBuilder();
    b.append(String.format("%-20s %-3s %8s %-22s %12s %7s %-16s %12s %7s %7s %15s%n", "scenario",
        "db", "size", "metric", "shotclock", "spread", "peer", "peer", "spread", "ratio",
        "ratio range"));
    for (Summary.Row r : s.rows()) {
      b.append(String.format("%-20s %-3s %8d %-22s %12s %6s%% %-16s %12s %6s%% %7s %15s%n",
          label(r), r.store(), r.size(), r.metric() + (r.higherIsBetter() ? " ^" : " v"),
          Summary.fmt(r.median()), pct(r.spread()), r.peer() == null ? "-" : r.peer(),
          Summary.fmt(r.peerMedian()), pct(r.peerSpread()), Summary.fmt(r.ratio()),
          r.ratioMin() == null ? "-" : Summary.fmt(r.ratioMin()) + ".." + Summary.fmt(r.ratioMax())));
    }
    return b.toString();
  }

  static String targetsTable(Summary s) {
    StringBuilder b = new StringBuilder("targets:\n");
    for (Summary.Target t : s.targets()) {
      b.append(String.format("  %-4s %-70s %s%n", t.met() ? "MET" : "MISS", t.name(), t.measured()));
    }
    return b.toString();
  }

  /** The scenario, and for the cluster rows the number of nodes measured ("cluster-fire nodes2"). */
  private static String label(Summary.Row r) {
    return r.system().startsWith("nodes") ? r.scenario() + " " + r.system() : r.scenario();
  }

  private static String pct(Double spread) {
    return spread == null ? "-" : String.format("%.0f", spread * 100);
  }

  @SuppressWarnings("unchecked")
  static String markdown(String stamp, Map<String, Object> run, Summary s, List<Path> plots,
      Path resultsDir) {
    StringBuilder b = new StringBuilder();
    b.append("# Benchmark run ").append(stamp).append("\n\n");
    b.append("Command: `").append(run.get("command")).append("`, ").append(run.get("repetitions"))
        .append(" repetition(s), ").append(run.get("began")).append(" to ").append(run.get("ended"))
        .append(".\n\n");
    b.append("Machine:\n\n");
    ((Map<String, Object>) run.get("machine")).forEach((k, v) ->
        b.append("- ").append(k).append(": ").append(v).append('\n'));
    b.append("- measured JVMs: `").append(String.join(" ", BenchMain.CHILD_JVM)).append("`\n\n");
    b.append("## ShotClock / peer\n\n");
    b.append("Median of each side, spread = (max - min) / median over the repetitions; ratio = ")
        .append("ShotClock median / peer median, range = lowest and highest per-repetition ratio. ")
        .append("^ higher is better, v lower is better.\n\n");
    b.append("| scenario | store | size | metric | ShotClock | spread | peer | peer value | spread | ratio | range |\n");
    b.append("|---|---|---:|---|---:|---:|---|---:|---:|---:|---|\n");
    for (Summary.Row r : s.rows()) {
      b.append(String.format("| %s | %s | %d | %s %s | %s | %s | %s | %s | %s | %s | %s |%n",
          label(r), r.store(), r.size(), r.metric(), r.higherIsBetter() ? "^" : "v",
          Summary.fmt(r.median()), pct(r.spread()) + "%", r.peer() == null ? "-" : r.peer(),
          Summary.fmt(r.peerMedian()), r.peerSpread() == null ? "-" : pct(r.peerSpread()) + "%",
          Summary.fmt(r.ratio()),
          r.ratioMin() == null ? "-" : Summary.fmt(r.ratioMin()) + "-" + Summary.fmt(r.ratioMax())));
    }
    b.append("\n## Targets\n\n| target | measured | |\n|---|---:|---|\n");
    for (Summary.Target t : s.targets()) {
      b.append("| ").append(t.name()).append(" | ").append(t.measured()).append(" | ")
          .append(t.met() ? "met" : "**missed**").append(" |\n");
    }
    b.append("\n## Plots\n\n");
    for (Path p : plots) {
      b.append("![").append(p.getFileName()).append("](").append(resultsDir.relativize(p))
          .append(")\n\n");
    }
    b.append("## Every measurement\n\n| measurement | rep | wall s | metrics |\n|---|---:|---:|---|\n");
    for (Result r : (List<Result>) run.get("results")) {
      StringBuilder m = new StringBuilder();
      r.metrics().forEach((k, v) -> m.append(k).append('=').append(Summary.fmt(v)).append(' '));
      b.append("| ").append(r.measurement().label()).append(" | ").append(r.rep()).append(" | ")
          .append(String.format("%.0f", r.wallSeconds())).append(" | ")
          .append(r.error() != null ? "FAILED: " + r.error() : m.toString().trim()).append(" |\n");
    }
    return b.toString();
  }
}
