package dev.shotclock.config;

import java.time.Duration;
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

  /**
   * Compares an expected inventory (a manifest) with the files on disk and queues a task for every
   * gap, inside the daemon. Paths are relative to the step's working directory; {@code manifest}
   * and each source's {@code path} may use {@code ${param.NAME}}.
   *
   * @param currentSeason as the manifest writes seasons ({@code 2025}, {@code 2025-26}); null =
   *     derived from the clock (the season that started in October of this year, or of last
   *     year before October)
   * @param maxInventoryAge a source whose newest file is older than this makes the try end with a
   *     warning; null = no check
   */
  record Reconcile(String manifest, String currentSeason, List<Source> sources,
      Duration maxInventoryAge, int maxTasks) implements StepAction {

    /**
     * Tasks one try queues at most, the most urgent first (the original's max_tasks_per_run): the
     * rest wait for the next reconciliation instead of failing the whole try on a full queue.
     */
    public static final int DEFAULT_MAX_TASKS = 1000;

    public Reconcile(String manifest, String currentSeason, List<Source> sources, Duration maxInventoryAge) {
      this(manifest, currentSeason, sources, maxInventoryAge, DEFAULT_MAX_TASKS);
    }

    /** Files smaller than this are gaps too: an empty file is a failed download. */
    public static final long DEFAULT_MIN_SIZE = 1;

    /**
     * How seasons are written, in {@code current_season} and in manifests: 2025, 2025-26 or
     * 2025-2026. Seasons are ordered by their first year.
     */
    public static final java.util.regex.Pattern SEASON =
        java.util.regex.Pattern.compile("([0-9]{4})(-[0-9]{2}|-[0-9]{4})?");

    public Reconcile {
      sources = List.copyOf(sources);
    }

    @Override
    public String kind() {
      return "reconcile";
    }

    /**
     * Where one source keeps the expected items.
     *
     * @param source a source of sources.yaml: its tasks run the source's workflow
     * @param path a {@link PathTemplate} (checked when loaded, parsed again after {@code ${param.}}
     *     substitution when the step runs)
     * @param freshness a current-season file older than this is stale; null = never stale
     * @param operation the tasks' operation (e.g. {@code pbp}); may be null
     */
    public record Source(String source, String path, long minSize, Duration freshness,
        String operation) {}
  }

  /**
   * Imports a gaps file in the original pipeline's {@code inventory/gaps.json} schema into the
   * queue, in one transaction. {@code file} is relative to the step's working directory and may
   * use {@code ${param.NAME}}.
   */
  record Enqueue(String file) implements StepAction {
    @Override
    public String kind() {
      return "enqueue";
    }
  }
}
