package dev.shotclock.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Runs the plan: each measurement in a fresh JVM (same flags for every system), alternating
 * systems within a group, repeated; then writes results/DATE.json, results/DATE.md and the plots,
 * and prints the ratio table. Usage: {@code BenchMain BENCH_DIR [--quick] [--reps N]
 * [--only SCENARIO,...]}.
 */
public final class BenchMain {

  /** The flags of every measured JVM. */
  static final List<String> CHILD_JVM = List.of("-Xms256m", "-Xmx1g");

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    Path benchDir = Path.of(args[0]).toAbsolutePath();
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    boolean quick = rest.contains("--quick");
    int reps = quick ? 1 : 3;
    Set<String> only = null;
    for (int i = 0; i < rest.size() - 1; i++) {
      if (rest.get(i).equals("--reps")) {
        reps = Integer.parseInt(rest.get(i + 1));
      }
      if (rest.get(i).equals("--only")) {
        only = Set.of(rest.get(i + 1).split(","));
      }
    }
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmm"))
        + (quick ? "-quick" : "");
    Path results = benchDir.resolve("results");
    Path tmp = results.resolve("tmp").resolve(stamp);
    Files.createDirectories(tmp);

    Map<String, Object> machine = Machine.describe();
    Instant began = Instant.now();
    List<Plan.Group> groups = new ArrayList<>();
    for (Plan.Group g : Plan.groups(quick)) {
      if (only == null || only.contains(g.scenario()) || only.contains(g.family())) {
        groups.add(g);
      }
    }
    int total = groups.stream().mapToInt(g -> g.systems().size()).sum() * reps;
    List<Result> all = new ArrayList<>();
    int done = 0;
    for (Plan.Group g : groups) {
      for (int rep = 1; rep <= reps; rep++) {
        for (Measurement m : g.measurements()) {
          done++;
          Result r = measure(m, rep, benchDir, tmp);
          all.add(r);
          progress(done, total, r);
          // an interrupted run still leaves what it measured
          new ObjectMapper().writerWithDefaultPrettyPrinter()
              .writeValue(results.resolve(stamp + ".partial.json").toFile(), all);
        }
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("mode", quick ? "quick" : "full");
    out.put("repetitions", reps);
    out.put("command", String.join(" ", java.util.stream.Stream.concat(java.util.stream.Stream.of("bench/run"), rest.stream()).toList()));
    out.put("began", began.toString());
    out.put("ended", Instant.now().toString());
    out.put("machine", machine);
    out.put("child_jvm_flags", CHILD_JVM);
    Summary summary = Summary.of(all);
    out.put("summary", summary.rows());
    out.put("targets", summary.targets());
    out.put("results", all);
    new ObjectMapper().writerWithDefaultPrettyPrinter()
        .writeValue(results.resolve(stamp + ".json").toFile(), out);
    Files.deleteIfExists(results.resolve(stamp + ".partial.json"));
    List<Path> plots = Plots.write(all, results, stamp);
    String md = Report.markdown(stamp, out, summary, plots, results);
    Files.writeString(results.resolve(stamp + ".md"), md, StandardCharsets.UTF_8);
    System.out.println();
    System.out.println(Report.table(summary));
    System.out.println(Report.targetsTable(summary));
    System.out.println("wrote " + results.resolve(stamp + ".json") + ", " + stamp + ".md, "
        + plots.size() + " plot(s)");
  }

  private static Result measure(Measurement m, int rep, Path benchDir, Path tmp)
      throws IOException, InterruptedException {
    Path work = tmp.resolve(m.label().replace('/', '_') + "-" + rep);
    Path log = tmp.resolve(m.label().replace('/', '_') + "-" + rep + ".log");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(CHILD_JVM);
    cmd.add("-Dbench.home=" + benchDir.getParent());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Child.class.getName());
    cmd.addAll(List.of(m.args()));
    cmd.add(work.toString());
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean ended = p.waitFor(30, TimeUnit.MINUTES);
    if (!ended) {
      p.destroyForcibly().waitFor();
    }
    Duration took = Duration.ofNanos(System.nanoTime() - t0);
    String line = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
        .filter(l -> l.startsWith("RESULT ")).findFirst().orElse(null);
    if (line == null) {
      return new Result(m, rep, Map.of(), "no result (exit " + (ended ? p.exitValue() : "timeout")
          + "); see " + log, took.toMillis() / 1000.0);
    }
    @SuppressWarnings("unchecked")
    Map<String, Double> values = new ObjectMapper().readValue(line.substring(7), Map.class);
    return new Result(m, rep, values, null, took.toMillis() / 1000.0);
  }

  private static void progress(int done, int total, Result r) {
    String head = r.metrics().isEmpty() ? "FAILED " + r.error()
        : r.metrics().entrySet().stream().limit(3)
            .map(e -> e.getKey() + "=" + String.format("%.1f", e.getValue()))
            .reduce((a, b) -> a + " " + b).orElse("");
    System.out.printf("[%s] (%d/%d) %s rep %d: %s (%.0f s)%n",
        LocalDateTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")), done, total,
        r.measurement().label(), r.rep(), head, r.wallSeconds());
  }
}
