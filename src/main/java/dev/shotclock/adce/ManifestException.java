package dev.shotclock.adce;

import java.nio.file.Path;

/** A manifest that cannot be read, with the file and line of the first problem. */
final class ManifestException extends RuntimeException {

  ManifestException(Path file, int line, String problem) {
    super(file + (line > 0 ? ":" + line : "") + ": " + problem);
  }

  ManifestException(Path file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
  }
}
