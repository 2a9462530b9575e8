package dev.shotclock.config;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** A configuration that cannot be used, with every problem found (not just the first). */
public final class ConfigException extends RuntimeException {

  private final List<ConfigProblem> problems;
  private final Path baseDir;

  public ConfigException(Path baseDir, List<ConfigProblem> problems) {
    super(describe(baseDir, problems));
    this.baseDir = baseDir;
    this.problems = List.copyOf(problems);
  }

  public List<ConfigProblem> problems() {
    return problems;
  }

  /** One line per problem, paths shown relative to the parent of the config directory. */
  public List<String> lines() {
    return problems.stream().map(p -> p.format(displayBase(baseDir))).collect(Collectors.toList());
  }

  private static String describe(Path baseDir, List<ConfigProblem> problems) {
    return problems.size() + " configuration problem(s):\n  "
        + problems.stream().map(p -> p.format(displayBase(baseDir)))
            .collect(Collectors.joining("\n  "));
  }

  private static Path displayBase(Path baseDir) {
    return baseDir == null ? null : baseDir.toAbsolutePath().normalize().getParent();
  }
}
