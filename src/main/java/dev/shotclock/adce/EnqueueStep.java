package dev.shotclock.adce;

import dev.shotclock.config.StepAction;
import dev.shotclock.queue.GapsImport;
import dev.shotclock.queue.GapsImportException;
import dev.shotclock.queue.NewTask;
import dev.shotclock.queue.QueueFullException;
import dev.shotclock.workflow.BuiltinStep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code enqueue} step: imports a gaps file in the original {@code inventory/gaps.json} schema
 * (parsed by {@link GapsImport}, so its keys match a gaps file imported through the API), all of
 * it in one transaction, and records the try. A missing or invalid file, or tasks no source can
 * run, fail the try without a retry; a full queue fails it retryably.
 */
final class EnqueueStep implements BuiltinStep {

  private static final Logger LOG = LoggerFactory.getLogger(EnqueueStep.class);

  private final Clock clock;
  private final SourceTasks sourceTasks;
  private final GapQueue gapQueue;

  EnqueueStep(Clock clock, SourceTasks sourceTasks, GapQueue gapQueue) {
    this.clock = clock;
    this.sourceTasks = sourceTasks;
    this.gapQueue = gapQueue;
  }

  @Override
  public String kind() {
    return "enqueue";
  }

  @Override
  public Outcome execute(Invocation inv) {
    StepAction.Enqueue action = (StepAction.Enqueue) inv.action();
    Path file = inv.cwd().resolve(inv.substitute(action.file())).normalize();
    if (!Files.isRegularFile(file)) {
      return Outcome.failed("gaps file " + file + " does not exist" + (Files.exists(file)
          ? " as a file" : " (did the step that writes it run?)"), false);
    }
    List<NewTask> tasks;
    try {
      tasks = sourceTasks.prepare(GapsImport.parse(file));
    } catch (GapsImportException e) {
      return Outcome.failed("invalid gaps file " + e.getMessage(), false);
    } catch (IllegalArgumentException e) {
      return Outcome.failed(file + ": " + e.getMessage(), false);
    }
    Instant now = clock.instant();
    Map<String, Long> byPriority = GapQueue.byPriority(tasks);
    GapQueue.Tally tally;
    try {
      tally = gapQueue.enqueue(tasks, t -> new ReconciliationRecord(inv.workflowId(), inv.stepId(),
          kind(), inv.runId(), now, null, null, tasks.size(), byPriority, t.created(),
          t.deduplicated(), null, null), null);
    } catch (QueueFullException e) {
      return Outcome.failed("the queue has no room for the " + tasks.size() + " task(s) of " + file
          + ", nothing was queued: " + e.getMessage(), true);
    }
    String summary = "enqueue: " + tasks.size() + " task(s) in " + file + " " + byPriority + ", "
        + tally.created() + " created, " + tally.deduplicated() + " deduplicated";
    InventoryScan.progress(inv.output(), summary);
    LOG.info("workflow={} step={} run={} {}", inv.workflowId(), inv.stepId(), inv.runId(), summary);
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("gaps_found", tasks.size());
    r.put("tasks_created", tally.created());
    r.put("tasks_deduplicated", tally.deduplicated());
    r.put("by_priority", byPriority);
    r.put("outcomes", tally.outcomes());
    String unwritten = ResultFile.write(inv.resultFile(), r);
    if (unwritten != null) {
      inv.output().note(unwritten);
    }
    return Outcome.succeeded();
  }
}
