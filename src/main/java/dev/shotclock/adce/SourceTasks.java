package dev.shotclock.adce;

import dev.shotclock.config.ShotClockConfig;
import dev.shotclock.config.SourceDef;
import dev.shotclock.config.WorkflowDef;
import dev.shotclock.queue.NewTask;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Checks tasks against sources.yaml as the dispatcher will find it, before they are queued: a task
 * whose source is unknown would wait forever, and one whose params its source's workflow does not
 * declare would be failed by the dispatcher, one by one. Also gives each task its source's
 * attempts, as an enqueue through the API does.
 */
final class SourceTasks {

  private final Supplier<ShotClockConfig> config;

  SourceTasks(Supplier<ShotClockConfig> config) {
    this.config = config;
  }

  /**
   * Checks and gives each task its source's attempts (unless it has its own).
   *
   * @throws IllegalArgumentException listing every problem; nothing may be queued then
   */
  List<NewTask> prepare(List<NewTask> tasks) {
    Map<String, Set<String>> paramsBySource = new LinkedHashMap<>();
    for (NewTask t : tasks) {
      paramsBySource.computeIfAbsent(t.source(), s -> new TreeSet<>()).addAll(t.params().keySet());
    }
    ShotClockConfig cfg = check(paramsBySource);
    return tasks.stream().map(t -> t.maxAttempts() != null ? t : t.withMaxAttempts(
        cfg.sources().source(t.source()).orElseThrow().retry().maxAttempts())).toList();
  }

  /**
   * Checks that each source exists and its workflow declares the params its tasks will carry.
   *
   * @return the configuration checked against
   * @throws IllegalArgumentException listing every problem
   */
  ShotClockConfig check(Map<String, Set<String>> paramsBySource) {
    ShotClockConfig cfg = config.get();
    List<String> problems = new ArrayList<>();
    paramsBySource.forEach((name, params) -> {
      SourceDef source = cfg.sources().source(name).orElse(null);
      if (source == null) {
        problems.add("no source '" + name + "' in sources.yaml (known: "
            + new TreeSet<>(cfg.sources().sources().keySet()) + ")");
        return;
      }
      WorkflowDef wf = cfg.workflow(source.workflow()).orElse(null);
      if (wf == null) {
        problems.add("source '" + name + "' runs workflow '" + source.workflow() + "', which is not"
            + " configured");
        return;
      }
      Set<String> undeclared = new TreeSet<>(params);
      undeclared.removeAll(wf.params().keySet());
      if (!undeclared.isEmpty()) {
        problems.add("source '" + name + "' runs workflow '" + wf.id() + "', which does not declare"
            + " the params " + undeclared + " its tasks carry (declared: "
            + new TreeSet<>(wf.params().keySet()) + "); add them to its params");
      }
    });
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    return cfg;
  }
}
