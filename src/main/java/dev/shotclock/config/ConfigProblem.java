package dev.shotclock.config;

import java.nio.file.Path;

/**
 * One thing wrong with a configuration, located as precisely as possible.
 *
 * @param file the file, null when the problem is not in one file (e.g. a missing directory)
 * @param line 1-based line, 0 when unknown
 * @param path field path inside the file, e.g. {@code steps[3].timeout}; empty for the whole file
 */
public record ConfigProblem(Path file, int line, String path, String message) {

  /** {@code conf/workflows/overnight.yaml:14 steps[3].timeout: must not be negative}. */
  public String format(Path relativeTo) {
    StringBuilder sb = new StringBuilder();
    if (file != null) {
      Path shown = relativeTo != null && file.startsWith(relativeTo) ? relativeTo.relativize(file) : file;
      sb.append(shown);
      if (line > 0) {
        sb.append(':').append(line);
      }
      sb.append(' ');
    }
    if (path != null && !path.isEmpty()) {
      sb.append(path).append(": ");
    }
    return sb.append(message).toString();
  }

  @Override
  public String toString() {
    return format(null);
  }
}
