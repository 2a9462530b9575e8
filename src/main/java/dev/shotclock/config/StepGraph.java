package dev.shotclock.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks that need every step of a workflow: unique ids, references to existing steps, no step
 * waiting for itself, no cycles. A cycle would leave its steps waiting forever, so it is refused at
 * load time with the path that closes it ({@code a -> b -> c -> a}: a depends on b, ...).
 */
final class StepGraph {

  private final Map<String, StepBinder.Bound> byId = new LinkedHashMap<>();

  /** Step id to the ids it depends on, only those that exist and are not itself. */
  private final Map<String, List<String>> upstream = new LinkedHashMap<>();

  private StepGraph() {}

  static void check(List<StepBinder.Bound> steps) {
    StepGraph graph = new StepGraph();
    steps.forEach(graph::addStep);
    steps.forEach(graph::checkRefs);
    graph.reportCycles();
  }

  private void addStep(StepBinder.Bound step) {
    if (step.id() == null) {
      return;
    }
    StepBinder.Bound first = byId.putIfAbsent(step.id(), step);
    if (first != null) {
      step.idAt()
          .problem(
              "duplicate step id '"
                  + step.id()
                  + "' (first at "
                  + first.idAt().path()
                  + ", line "
                  + first.idAt().line()
                  + ")");
    }
  }

  private void checkRefs(StepBinder.Bound step) {
    if (step.id() == null || byId.get(step.id()) != step) {
      return; // the duplicate was reported; its edges would only repeat the first one's
    }
    List<String> edges = new ArrayList<>();
    for (DependsOnBinder.Ref ref : step.refs()) {
      if (ref.step().equals(step.id())) {
        ref.at().problem("step '" + step.id() + "' cannot depend on itself");
      } else if (!byId.containsKey(ref.step())) {
        ref.at()
            .problem(
                "unknown step '"
                    + ref.step()
                    + "'"
                    + Suggestions.didYouMean(ref.step(), byId.keySet()));
      } else if (!edges.contains(ref.step())) {
        edges.add(ref.step());
      }
    }
    upstream.put(step.id(), edges);
  }

  /** Depth-first search; each back edge closes one cycle. */
  private void reportCycles() {
    Set<String> done = new HashSet<>();
    for (String id : upstream.keySet()) {
      visit(id, new ArrayList<>(), done);
    }
  }

  private void visit(String id, List<String> path, Set<String> done) {
    if (done.contains(id)) {
      return;
    }
    int onPath = path.indexOf(id);
    if (onPath >= 0) {
      report(path.subList(onPath, path.size()));
      return;
    }
    path.add(id);
    for (String next : upstream.getOrDefault(id, List.of())) {
      visit(next, path, done);
    }
    path.remove(path.size() - 1);
    done.add(id);
  }

  /** Said from the step written first, at its {@code depends_on}. */
  private void report(List<String> cycle) {
    List<String> ids = new ArrayList<>(byId.keySet());
    int start = 0;
    for (int i = 1; i < cycle.size(); i++) {
      if (ids.indexOf(cycle.get(i)) < ids.indexOf(cycle.get(start))) {
        start = i;
      }
    }
    List<String> rotated = new ArrayList<>(cycle.subList(start, cycle.size()));
    rotated.addAll(cycle.subList(0, start));
    rotated.add(rotated.get(0));
    byId.get(rotated.get(0))
        .dependsOnAt()
        .problem("dependency cycle: " + String.join(" -> ", rotated));
  }
}
