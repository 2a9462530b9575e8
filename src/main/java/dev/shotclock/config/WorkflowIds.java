package dev.shotclock.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Workflow ids across all files of one load: an id is a Quartz job key, so it must be unique; and
 * references from one workflow to another ({@code on_success_of}), which can only be checked once
 * every file is read.
 */
final class WorkflowIds {

  /** {@code from} names {@code to} as its upstream, written at {@code at}. */
  private record Ref(String from, String to, Value at) {}

  private final Path shownRelativeTo;
  private final Map<String, Value> firstSeen = new HashMap<>();
  private final List<Ref> upstreamRefs = new ArrayList<>();

  /**
   * @param configDir file names in messages are shown as in problems, e.g. conf/workflows/a.yaml
   */
  WorkflowIds(Path configDir) {
    this.shownRelativeTo = configDir.getParent();
  }

  void claim(String id, Value at) {
    Value first = firstSeen.putIfAbsent(id, at);
    if (first != null) {
      at.problem(
          "duplicate workflow id '"
              + id
              + "': also defined in "
              + shown(first.file())
              + ":"
              + first.line());
    }
  }

  void upstream(String from, String to, Value at) {
    upstreamRefs.add(new Ref(from, to, at));
  }

  /** Unknown upstream workflows, a workflow starting itself, and cycles (a run would start forever). */
  void checkUpstreams() {
    Map<String, Set<String>> downstreams = new HashMap<>();
    for (Ref r : upstreamRefs) {
      if (firstSeen.containsKey(r.to()) && !r.to().equals(r.from())) {
        downstreams.computeIfAbsent(r.to(), k -> new HashSet<>()).add(r.from());
      }
    }
    for (Ref r : upstreamRefs) {
      if (!firstSeen.containsKey(r.to())) {
        r.at().problem("no workflow '" + r.to() + "'" + Suggestions.didYouMean(r.to(), firstSeen.keySet()));
      } else if (r.to().equals(r.from())) {
        r.at().problem("a workflow cannot start after itself (it would run forever)");
      } else if (reaches(downstreams, r.from(), r.to(), new HashSet<>())) {
        r.at().problem("cycle: '" + r.to() + "' starts '" + r.from() + "', which (through on_success_of /"
            + " on_completion_of) starts '" + r.to() + "' again");
      }
    }
  }

  private static boolean reaches(Map<String, Set<String>> downstreams, String from, String target, Set<String> seen) {
    if (!seen.add(from)) {
      return false;
    }
    for (String next : downstreams.getOrDefault(from, Set.of())) {
      if (next.equals(target) || reaches(downstreams, next, target, seen)) {
        return true;
      }
    }
    return false;
  }

  private String shown(Path file) {
    return shownRelativeTo != null && file.startsWith(shownRelativeTo)
        ? shownRelativeTo.relativize(file).toString()
        : file.toString();
  }
}
