package dev.shotclock.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Loads a configuration directory: {@code shotclock.yaml} (optional, all defaults if absent) and
 * {@code workflows/*.yaml} (the directory is optional). Strict: unknown keys, wrong types and
 * broken references are errors, and every problem of every file is reported in one {@link
 * ConfigException}, so an operator fixes them all in one round.
 *
 * <p>Each file goes through the same two halves: {@link ConfigFileReader} (YAML with line numbers,
 * {@code ${...}} substitution) and a binder for its kind (records plus the checks within the file).
 * Checks across files (duplicate workflow ids) run while binding. A new kind of file plugs in as
 * one more binder called from {@link #load}.
 */
public final class ConfigLoader {

  static final String SETTINGS_FILE = "shotclock.yaml";
  static final String WORKFLOWS_DIR = "workflows";
  static final String SOURCES_FILE = "sources.yaml";

  private final CronSyntax cron;
  private final ConfigFileReader reader;
  private final String hostname;

  /**
   * @param cron checks cron syntax (implemented with Quartz elsewhere; tests pass a fake)
   * @param environment for {@code ${NAME}} substitution (production passes System.getenv())
   * @param hostname the default {@code node_id}
   */
  public ConfigLoader(CronSyntax cron, Map<String, String> environment, String hostname) {
    this.cron = Objects.requireNonNull(cron, "cron");
    this.reader = new ConfigFileReader(new Substitution(environment),
        new FileSafety(System.getProperty("user.name")));
    this.hostname = Objects.requireNonNull(hostname, "hostname");
  }

  /**
   * @throws ConfigException listing every problem found in all files
   */
  public ShotClockConfig load(Path configDir) {
    Path dir = configDir.toAbsolutePath().normalize();
    Problems problems = new Problems();
    if (!Files.isDirectory(dir)) {
      problems.add(null, 0, "", "the configuration directory " + dir + " does not exist");
      problems.throwIfAny(dir);
    }
    DaemonSettings daemon = readSettings(dir, problems);
    WorkflowIds ids = new WorkflowIds(dir);
    WorkflowBinder binder =
        new WorkflowBinder(dir, daemon.scheduler().timeZone(), cron, ids,
            daemon.notifications().notifiers().keySet());
    List<WorkflowDef> workflows = readWorkflows(dir, binder, problems);
    ids.checkUpstreams();
    SourcesConfig sources = readSources(dir, workflows, problems);
    checkSourceRefs(binder.sourceRefs(), sources);
    problems.throwIfAny(dir);
    return new ShotClockConfig(dir, daemon, workflows, sources);
  }

  private DaemonSettings readSettings(Path dir, Problems problems) {
    DaemonSettingsBinder binder = new DaemonSettingsBinder(dir, hostname);
    Path file = dir.resolve(SETTINGS_FILE);
    Path misnamed = dir.resolve("shotclock.yml");
    if (!Files.exists(file) && Files.exists(misnamed)) {
      // Else the daemon would quietly run on defaults beside the operator's real settings.
      problems.add(
          misnamed, 0, "", "the settings file is named " + SETTINGS_FILE + "; rename this one");
    }
    // An unparsable file still yields the defaults, so the workflows are checked against something.
    ConfigFile settings =
        reader
            .read(file, problems)
            .orElseGet(() -> new ConfigFile(file, Value.root(file, null, problems), List.of()));
    return binder.bind(settings);
  }

  /** {@code sources.yaml}, optional: without it there are no sources and the dispatcher idles. */
  private SourcesConfig readSources(Path dir, List<WorkflowDef> workflows, Problems problems) {
    Path file = dir.resolve(SOURCES_FILE);
    if (!Files.exists(file)) {
      return SourcesConfig.NONE;
    }
    return reader.read(file, problems).map(new SourcesBinder(workflows)::bind).orElse(SourcesConfig.NONE);
  }

  /**
   * A reconcile step's tasks run the workflow their source maps to: a source missing from
   * sources.yaml would leave them queued forever.
   */
  private static void checkSourceRefs(List<StepBinder.SourceRef> refs, SourcesConfig sources) {
    for (StepBinder.SourceRef ref : refs) {
      if (sources.source(ref.name()).isEmpty()) {
        ref.at().problem("no source '" + ref.name() + "' in " + SOURCES_FILE
            + (sources.sourceFile() == null ? " (there is no " + SOURCES_FILE + ")"
                : Suggestions.didYouMean(ref.name(), sources.sources().keySet())));
      }
    }
  }

  private List<WorkflowDef> readWorkflows(Path dir, WorkflowBinder binder, Problems problems) {
    List<WorkflowDef> workflows = new ArrayList<>();
    for (Path file : workflowFiles(dir.resolve(WORKFLOWS_DIR), problems)) {
      reader.read(file, problems).map(binder::bind).ifPresent(workflows::add);
    }
    return workflows;
  }

  /**
   * {@code *.yaml} and {@code *.yml}, by name. Hidden files are skipped: editors leave lock and
   * swap files there ({@code .#overnight.yaml}).
   */
  private static List<Path> workflowFiles(Path workflowsDir, Problems problems) {
    if (!Files.exists(workflowsDir)) {
      return List.of();
    }
    if (!Files.isDirectory(workflowsDir)) {
      problems.add(workflowsDir, 0, "", "must be a directory of workflow files");
      return List.of();
    }
    try (Stream<Path> files = Files.list(workflowsDir)) {
      return files
          .filter(Files::isRegularFile)
          .filter(f -> isWorkflowFileName(f.getFileName().toString()))
          .sorted()
          .toList();
    } catch (IOException e) {
      problems.add(workflowsDir, 0, "", "cannot list the directory: " + e.getMessage());
      return List.of();
    }
  }

  private static boolean isWorkflowFileName(String name) {
    return !name.startsWith(".") && (name.endsWith(".yaml") || name.endsWith(".yml"));
  }
}
