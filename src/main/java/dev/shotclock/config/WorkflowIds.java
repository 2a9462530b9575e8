package dev.shotclock.config;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Workflow ids across all files of one load: an id is a Quartz job key, so it must be unique. */
final class WorkflowIds {

  private final Path shownRelativeTo;
  private final Map<String, Value> firstSeen = new HashMap<>();

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

  private String shown(Path file) {
    return shownRelativeTo != null && file.startsWith(shownRelativeTo)
        ? shownRelativeTo.relativize(file).toString()
        : file.toString();
  }
}
