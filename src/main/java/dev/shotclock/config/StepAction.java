package dev.shotclock.config;

import java.util.List;
import java.util.Map;

/** What a step does. Each kind is one record. */
public sealed interface StepAction {

  /** The kind's YAML key, used in messages. */
  String kind();

  /**
   * An external process from an argv list (never a shell string). Arguments may use {@code
   * ${param.NAME}}, replaced at run time.
   */
  record Run(List<String> argv) implements StepAction {
    public Run {
      argv = List.copyOf(argv);
    }

    @Override
    public String kind() {
      return "run";
    }
  }

  /**
   * Fetches a URL to a file, inside the daemon: no process, no shell. {@code url}, header values
   * and {@code to} may use {@code ${param.NAME}}. The file appears whole or not at all.
   *
   * @param to the file written, relative to the step's working directory
   * @param maxBytes a larger response fails the try (not retried)
   */
  record Http(String url, Map<String, String> headers, String to, long maxBytes) implements StepAction {
    /** 100 MiB: far above any box score, far below what fills a disk by mistake. */
    public static final long DEFAULT_MAX_BYTES = 100L << 20;

    public Http {
      headers = Map.copyOf(headers);
    }

    @Override
    public String kind() {
      return "http";
    }
  }
}
