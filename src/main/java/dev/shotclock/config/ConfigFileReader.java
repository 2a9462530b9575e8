package dev.shotclock.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The first half of loading any file: YAML with line numbers, then {@code ${...}} substitution. The
 * second half is a binder per kind of file (settings, workflow, and whatever comes next).
 */
final class ConfigFileReader {

  private final YamlTreeReader yaml = new YamlTreeReader();
  private final Substitution substitution;
  private final FileSafety safety;

  ConfigFileReader(Substitution substitution, FileSafety safety) {
    this.substitution = substitution;
    this.safety = safety;
  }

  /**
   * The file ready to bind. A missing file is an absent root (its binder applies the defaults);
   * empty when the file is unreadable or not YAML, with the problem recorded.
   */
  Optional<ConfigFile> read(Path file, Problems problems) {
    if (!Files.exists(file)) {
      return Optional.of(new ConfigFile(file, Value.root(file, null, problems), List.of()));
    }
    safety.check(file, problems);
    return yaml.read(file, problems)
        .map(
            tree -> {
              Substitution.Result substituted = substitution.apply(tree, file, problems);
              return new ConfigFile(
                  file, Value.root(file, substituted.root(), problems), substituted.paramRefs());
            });
  }
}
