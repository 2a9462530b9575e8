package dev.shotclock.adce;

import dev.shotclock.config.Durations;
import dev.shotclock.config.PathTemplate;
import dev.shotclock.config.StepAction;
import dev.shotclock.queue.NewTask;
import dev.shotclock.queue.QueueFullException;
import dev.shotclock.queue.TaskOrigin;
import dev.shotclock.workflow.BuiltinStep;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code reconcile} step: scans the files a manifest expects, queues a task per gap (missing,
 * too small, or stale), deduplicated and in one transaction, and records the try.
 *
 * <p>A task's key is {@code source:operation:value:value...} (the item's values in manifest column
 * order, {@code operation:} left out when the source has none), e.g. {@code
 * espn:pbp:2025:401585123}: the same gap found again maps to the same task, which the queue then
 * keeps once. Its params are the item's columns.
 *
 * <p>Problems of the configuration or the manifest fail the try without a retry (the next run may
 * find them fixed); a full queue or a store error fails it retryably.
 */
final class ReconcileStep implements BuiltinStep {

  private static final Logger LOG = LoggerFactory.getLogger(ReconcileStep.class);

  private final Clock clock;
  private final SourceTasks sourceTasks;
  private final GapQueue gapQueue;

  ReconcileStep(Clock clock, SourceTasks sourceTasks, GapQueue gapQueue) {
    this.clock = clock;
    this.sourceTasks = sourceTasks;
    this.gapQueue = gapQueue;
  }

  @Override
  public String kind() {
    return "reconcile";
  }

  @Override
  public Outcome execute(Invocation inv) {
    StepAction.Reconcile action = (StepAction.Reconcile) inv.action();
    Path manifestFile = inv.cwd().resolve(inv.substitute(action.manifest())).normalize();
    Manifest manifest;
    List<InventorySource> sources;
    try {
      manifest = ManifestReader.read(manifestFile);
      sources = sources(action, manifest, inv);
      // Before the scan, gaps or not: a source that cannot take these tasks is a configuration
      // error to report now, not when the first gap shows up.
      Map<String, Set<String>> params = new LinkedHashMap<>();
      sources.forEach(s -> params.put(s.name(), new TreeSet<>(manifest.columns())));
      sourceTasks.check(params);
    } catch (ManifestException | IllegalArgumentException e) {
      return Outcome.failed(e.getMessage(), false);
    }
    int currentYear = action.currentSeason() != null ? Seasons.firstYear(action.currentSeason())
        : Seasons.currentFirstYear(clock);
    inv.output().note("reconcile: " + manifest.items().size() + " item(s) of " + manifestFile
        + " x " + sources.size() + " source(s); current season starts " + currentYear
        + (action.currentSeason() == null ? " (derived from the date)" : ""));

    InventoryScan.Result scan;
    try {
      scan = new InventoryScan(clock).scan(manifest, sources, inv.cwd(), currentYear, inv.cancel(),
          inv.output());
    } catch (UncheckedIOException e) {
      return Outcome.failed(e.getMessage(), true);
    }
    if (!scan.complete()) {
      return Outcome.failed("cancelled during the scan", false);
    }
    List<NewTask> tasks;
    try {
      tasks = sourceTasks.prepare(tasks(scan.gaps(), manifest));
    } catch (IllegalArgumentException e) {
      return Outcome.failed(e.getMessage(), false);
    }

    Instant now = clock.instant();
    Age age = scan.itemsExpected() == 0 ? new Age(null, null, false)
        : Age.of(sources, scan.newestBySource(), now);
    Map<String, Long> byPriority = GapQueue.byPriority(tasks);
    List<NewTask> urgentFirst = mostUrgentFirst(tasks);
    GapQueue.Tally tally = null;
    int offered = Math.min(urgentFirst.size(), action.maxTasks());
    String queueFull = null;
    // A full queue takes the most urgent part that fits: halving keeps it to a few rolled-back
    // transactions, and the gaps left out are found again by the next reconciliation.
    while (tally == null) {
      List<NewTask> batch = urgentFirst.subList(0, offered);
      try {
        tally = gapQueue.enqueue(batch, t -> new ReconciliationRecord(inv.workflowId(), inv.stepId(),
            kind(), inv.runId(), now, scan.itemsExpected(), scan.itemsCollected(), tasks.size(),
            byPriority, t.created(), t.deduplicated(), age.seconds(), age.stalestSource()),
            age.millis());
      } catch (QueueFullException e) {
        queueFull = e.getMessage();
        if (offered == 0) {
          return Outcome.failed("the queue has no room: " + e.getMessage(), true);
        }
        offered /= 2;
      }
    }
    int leftOut = tasks.size() - offered;

    String summary = "reconcile: " + scan.itemsExpected() + " expected, " + scan.itemsCollected()
        + " collected, " + tasks.size() + " gap(s) " + byPriority + ", " + tally.created()
        + " task(s) created, " + tally.deduplicated() + " deduplicated" + age.describe();
    InventoryScan.progress(inv.output(), summary);
    LOG.info("workflow={} step={} run={} {}", inv.workflowId(), inv.stepId(), inv.runId(), summary);
    String unwritten = ResultFile.write(inv.resultFile(),
        result(scan, tasks.size(), byPriority, tally, age, currentYear));
    if (unwritten != null) {
      inv.output().note(unwritten);
    }
    String tooOld = age.tooOld(action.maxInventoryAge(), sources);
    if (leftOut > 0) {
      String why = leftOut + " of " + tasks.size() + " gap(s) not queued this time, the least urgent ("
          + (queueFull != null ? "queue full: " + queueFull : "max_tasks " + action.maxTasks())
          + "); the next reconciliation finds them again";
      inv.output().note(why);
      return Outcome.warning(tooOld == null ? why : tooOld + "; " + why);
    }
    return tooOld == null ? Outcome.succeeded() : Outcome.warning(tooOld);
  }

  /** By priority, CRITICAL first; manifest order within a priority (the sort is stable). */
  private static List<NewTask> mostUrgentFirst(List<NewTask> tasks) {
    List<NewTask> sorted = new ArrayList<>(tasks);
    sorted.sort(java.util.Comparator.comparingInt(t -> t.priority().level()));
    return sorted;
  }

  /**
   * The sources with their templates parsed after {@code ${param.}} substitution, each checked
   * against the manifest's columns: which columns a manifest has is known only now.
   */
  private static List<InventorySource> sources(StepAction.Reconcile action, Manifest manifest,
      Invocation inv) {
    List<InventorySource> out = new ArrayList<>();
    for (int i = 0; i < action.sources().size(); i++) {
      StepAction.Reconcile.Source s = action.sources().get(i);
      String where = "reconcile.sources[" + i + "].path";
      PathTemplate template;
      try {
        template = PathTemplate.parse(inv.substitute(s.path()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ": " + e.getMessage());
      }
      Set<String> unknown = new TreeSet<>(template.placeholders());
      unknown.removeAll(manifest.columns());
      if (!manifest.columns().isEmpty() && !unknown.isEmpty()) {
        throw new IllegalArgumentException(where + " '" + template + "': placeholder(s) "
            + unknown + " are not columns of the manifest " + manifest.file() + " (its columns: "
            + String.join(", ", manifest.columns()) + "); placeholders can only be checked against"
            + " the manifest when the step runs, so the configuration loaded");
      }
      out.add(new InventorySource(i, s.source(), template, s.minSize(), s.freshness(),
          s.operation()));
    }
    return out;
  }

  private static List<NewTask> tasks(List<Gap> gaps, Manifest manifest) {
    List<NewTask> tasks = new ArrayList<>(gaps.size());
    for (Gap g : gaps) {
      StringBuilder key = new StringBuilder(g.source().name());
      if (g.source().operation() != null) {
        key.append(':').append(g.source().operation());
      }
      for (String column : manifest.columns()) {
        key.append(':').append(g.item().values().get(column));
      }
      try {
        tasks.add(NewTask.of(g.source().name(), key.toString())
            .withOperation(g.source().operation())
            .withParams(g.item().values())
            .withPriority(g.priority())
            .withOrigin(TaskOrigin.RECONCILIATION));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(manifest.file() + ":" + g.item().line() + ": cannot make"
            + " a task of this item for source " + g.source().name() + ": " + e.getMessage());
      }
    }
    return tasks;
  }

  private static Map<String, Object> result(InventoryScan.Result scan, int gaps,
      Map<String, Long> byPriority, GapQueue.Tally tally, Age age, int currentYear) {
    Map<String, Long> byKind = new LinkedHashMap<>();
    for (Gap.Kind k : Gap.Kind.values()) {
      byKind.put(k.name().toLowerCase(java.util.Locale.ROOT), 0L);
    }
    scan.gaps().forEach(g -> byKind.merge(g.kind().name().toLowerCase(java.util.Locale.ROOT), 1L,
        Long::sum));
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("items_expected", scan.itemsExpected());
    r.put("items_collected", scan.itemsCollected());
    r.put("gaps_found", gaps);
    r.put("tasks_created", tally.created());
    r.put("tasks_deduplicated", tally.deduplicated());
    r.put("by_priority", byPriority);
    r.put("by_kind", byKind);
    r.put("outcomes", tally.outcomes());
    r.put("current_season_year", currentYear);
    r.put("inventory_age_seconds", age.seconds());
    r.put("stalest_source", age.stalestSource());
    return r;
  }

  /**
   * The inventory's age: for each source, the age of its newest file; the step's age is the
   * largest of these (the source that has gone longest without a new file). A source with no file
   * at all is older than any age.
   */
  record Age(Duration value, String stalestSource, boolean noFile) {

    static Age of(List<InventorySource> sources, Map<String, Instant> newest, Instant now) {
      Set<String> names = new LinkedHashSet<>();
      sources.forEach(s -> names.add(s.name()));
      Duration oldest = null;
      String stalest = null;
      for (String name : names) {
        Instant n = newest.get(name);
        if (n == null) {
          return new Age(null, name, true);
        }
        Duration d = Duration.between(n, now);
        if (oldest == null || d.compareTo(oldest) > 0) {
          oldest = d.isNegative() ? Duration.ZERO : d;
          stalest = name;
        }
      }
      return new Age(oldest, stalest, false);
    }

    Long millis() {
      return value == null ? null : value.toMillis();
    }

    Long seconds() {
      return value == null ? null : value.toSeconds();
    }

    String describe() {
      if (noFile) {
        return "; source " + stalestSource + " has no file at all";
      }
      return value == null ? "" : "; inventory age " + Durations.format(value) + " (newest file of "
          + stalestSource + ")";
    }

    /** Why the inventory is too old for {@code max}; null when it is not (or there is no max). */
    String tooOld(Duration max, List<InventorySource> sources) {
      if (max == null || sources.isEmpty()) {
        return null;
      }
      if (noFile) {
        return "inventory older than max_inventory_age " + Durations.format(max) + ": source "
            + stalestSource + " has no file at all";
      }
      if (value != null && value.compareTo(max) > 0) {
        return "inventory older than max_inventory_age " + Durations.format(max) + ": the newest"
            + " file of source " + stalestSource + " is " + Durations.format(value) + " old";
      }
      return null;
    }
  }
}
