package dev.shotclock.queue;

import java.util.List;

/** A gaps file that cannot be imported, with every problem found; nothing of it was queued. */
public final class GapsImportException extends QueueException {

  private final String file;
  private final List<String> problems;

  GapsImportException(String file, List<String> problems) {
    super(file + ": " + (problems.size() == 1 ? problems.get(0)
        : problems.size() + " problems:\n  " + String.join("\n  ", problems)));
    this.file = file;
    this.problems = List.copyOf(problems);
  }

  GapsImportException(String file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
    this.file = file;
    this.problems = List.of(problem);
  }

  public String file() {
    return file;
  }

  /** Each as {@code json.path: what is wrong}. */
  public List<String> problems() {
    return problems;
  }
}
