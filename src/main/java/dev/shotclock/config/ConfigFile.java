package dev.shotclock.config;

import dev.shotclock.config.Substitution.ParamRef;
import java.nio.file.Path;
import java.util.List;

/**
 * One configuration file, parsed and substituted, ready for its binder.
 *
 * @param root the whole file; absent (not present) when the file does not exist
 * @param paramRefs the {@code ${param.NAME}} references written in it
 */
record ConfigFile(Path file, Value root, List<ParamRef> paramRefs) {

  ConfigFile {
    paramRefs = List.copyOf(paramRefs);
  }

  /** Records a problem with a parameter reference, where it is written. */
  void problem(ParamRef ref, String message) {
    root.problems().add(file, ref.line(), ref.path(), message);
  }
}
