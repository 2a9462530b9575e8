package dev.shotclock.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG plots of the scale curves (medians over repetitions), with XChart. */
final class Plots {

  private Plots() {}

  static List<Path> write(List<Result> results, Path dir, String stamp) throws IOException {
    List<Path> out = new ArrayList<>();
    XYChart fire = curve("Fire throughput vs triggers due at once", "triggers", "fires/s");
    if (addSeries(fire, results, "fire", "fires_per_s", true) > 0) {
      out.add(save(fire, dir.resolve(stamp + "-fire-scale")));
    }
    XYChart claim = curve("ShotClock claim latency vs pending tasks", "pending tasks",
        "claim of 10, ms");
    int n = addSeries(claim, results, "claim", "claim_ms_p50", false)
        + addSeries(claim, results, "claim", "claim_ms_p99", false);
    if (n > 0) {
      out.add(save(claim, dir.resolve(stamp + "-claim-scale")));
    }
    return out;
  }

  private static XYChart curve(String title, String x, String y) {
    XYChart c = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle(x)
        .yAxisTitle(y).build();
    c.getStyler().setXAxisLogarithmic(true);
    c.getStyler().setLegendVisible(true);
    return c;
  }

  /** One series per system and store: the median of {@code metric} at each size. */
  private static int addSeries(XYChart chart, List<Result> results, String scenario, String metric,
      boolean bySystem) {
    Map<String, TreeMap<Integer, List<Double>>> series = new LinkedHashMap<>();
    for (Result r : results) {
      Measurement m = r.measurement();
      Double v = r.metrics().get(metric);
      if (!m.scenario().equals(scenario) || v == null) {
        continue;
      }
      String name = (bySystem ? m.system() + " " : metric + " ") + m.store();
      series.computeIfAbsent(name, k -> new TreeMap<>())
          .computeIfAbsent(m.size(), k -> new ArrayList<>()).add(v);
    }
    series.forEach((name, points) -> {
      List<Double> xs = new ArrayList<>();
      List<Double> ys = new ArrayList<>();
      points.forEach((size, vs) -> {
        xs.add(size.doubleValue());
        ys.add(Stats.median(vs));
      });
      chart.addSeries(name, xs, ys).setMarker(SeriesMarkers.CIRCLE);
    });
    return series.size();
  }

  private static Path save(XYChart chart, Path base) throws IOException {
    BitmapEncoder.saveBitmap(chart, base.toString(), BitmapEncoder.BitmapFormat.PNG);
    return base.resolveSibling(base.getFileName() + ".png");
  }
}
