package dev.shotclock.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects every problem of a load, so that the operator sees all of them in one go. */
final class Problems {

  private final List<ConfigProblem> found = new ArrayList<>();

  void add(Path file, int line, String path, String message) {
    found.add(new ConfigProblem(file, line, path, message));
  }

  boolean isEmpty() {
    return found.isEmpty();
  }

  /**
   * Grouped by file in the order the files were read, by line within a file: checks that span a
   * file (cycles, duplicate ids) run after the field checks, but should read in file order.
   */
  List<ConfigProblem> sorted() {
    Map<Path, List<ConfigProblem>> byFile = new LinkedHashMap<>();
    for (ConfigProblem problem : found) {
      byFile.computeIfAbsent(problem.file(), f -> new ArrayList<>()).add(problem);
    }
    List<ConfigProblem> out = new ArrayList<>();
    for (List<ConfigProblem> ofFile : byFile.values()) {
      ofFile.sort(Comparator.comparingInt(ConfigProblem::line));
      out.addAll(ofFile);
    }
    return out;
  }

  void throwIfAny(Path configDir) {
    if (!found.isEmpty()) {
      throw new ConfigException(configDir, sorted());
    }
  }
}
