package dev.shotclock.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shotclock.admin.ApiException;
import dev.shotclock.admin.Operations;
import dev.shotclock.config.SourceDef;
import dev.shotclock.config.WorkflowDef;
import dev.shotclock.queue.EnqueueResult;
import dev.shotclock.queue.GapsImport;
import dev.shotclock.queue.GapsImportException;
import dev.shotclock.queue.LiveTaskExistsException;
import dev.shotclock.queue.NewTask;
import dev.shotclock.queue.Priority;
import dev.shotclock.queue.QueueFullException;
import dev.shotclock.queue.Task;
import dev.shotclock.queue.TaskFilter;
import dev.shotclock.queue.TaskOrigin;
import dev.shotclock.queue.TaskQueue;
import dev.shotclock.queue.TaskState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The queue side of the admin API: enqueue (validated against sources.yaml), list, cancel, requeue. */
final class TaskOperations {

  private final Daemon daemon;

  TaskOperations(Daemon daemon) {
    this.daemon = daemon;
  }

  private TaskQueue queue() {
    return daemon.queues().current();
  }

  Operations.Enqueued enqueue(Operations.EnqueueRequest r) {
    List<String> problems = new ArrayList<>();
    NewTask task = newTask(r, problems);
    if (!problems.isEmpty()) {
      throw ApiException.badRequest("invalid task", problems);
    }
    try {
      EnqueueResult result = queue().enqueue(task);
      Task t = result.task();
      return new Operations.Enqueued(t.id(), result.outcome().name(), t.state().name(), t.priority().name());
    } catch (QueueFullException e) {
      throw ApiException.unavailable(e.getMessage());
    }
  }

  private NewTask newTask(Operations.EnqueueRequest r, List<String> problems) {
    SourceDef source = r.source() == null ? null : daemon.config().sources().source(r.source()).orElse(null);
    if (r.source() == null || r.source().isBlank()) {
      problems.add("source: required");
    } else if (source == null) {
      problems.add("source: no source '" + r.source() + "' in sources.yaml (known: "
          + new TreeSet<>(daemon.config().sources().sources().keySet()) + ")");
    }
    if (r.key() == null || r.key().isBlank()) {
      problems.add("key: required (the dedupe key: the same key is queued once)");
    }
    Priority priority = Priority.NORMAL;
    if (r.priority() != null) {
      try {
        priority = Priority.parse(r.priority());
      } catch (IllegalArgumentException e) {
        problems.add("priority: " + e.getMessage());
      }
    }
    Map<String, String> params = r.params() == null ? Map.of() : r.params();
    if (source != null) {
      WorkflowDef wf = daemon.config().workflow(source.workflow()).orElse(null);
      Set<String> unknown = new TreeSet<>(params.keySet());
      if (wf != null) {
        unknown.removeAll(wf.params().keySet());
      }
      if (wf != null && !unknown.isEmpty()) {
        problems.add("params: " + unknown + " not declared by workflow " + wf.id() + " (declared: "
            + new TreeSet<>(wf.params().keySet()) + ")");
      }
    }
    if (!problems.isEmpty()) {
      return null;
    }
    try {
      boolean cli = r.requestedBy() != null && r.requestedBy().startsWith("cli:");
      return NewTask.of(r.source(), r.key()).withOperation(r.operation()).withParams(params)
          .withPriority(priority).withOrigin(cli ? TaskOrigin.CLI : TaskOrigin.API)
          .withMaxAttempts(source.retry().maxAttempts());
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
      return null;
    }
  }

  Operations.Imported importGaps(String name, JsonNode gaps) {
    List<NewTask> tasks;
    try {
      tasks = GapsImport.parse(name, gaps);
    } catch (GapsImportException e) {
      throw ApiException.badRequest("invalid gaps file " + name, List.of(e.getMessage()));
    }
    Set<String> unknown = new TreeSet<>();
    tasks.forEach(t -> {
      if (daemon.config().sources().source(t.source()).isEmpty()) {
        unknown.add(t.source());
      }
    });
    if (!unknown.isEmpty()) {
      throw ApiException.badRequest("gaps file " + name + " names sources not in sources.yaml: " + unknown, List.of());
    }
    // Each task gets its source's attempts, as an enqueue through the API does.
    tasks = tasks.stream().map(t -> t.maxAttempts() != null ? t : t.withMaxAttempts(
        daemon.config().sources().source(t.source()).orElseThrow().retry().maxAttempts())).toList();
    try {
      Map<String, Integer> outcomes = new TreeMap<>();
      queue().enqueueAll(tasks).forEach(r -> outcomes.merge(r.outcome().name(), 1, Integer::sum));
      return new Operations.Imported(name, tasks.size(), outcomes);
    } catch (QueueFullException e) {
      throw ApiException.unavailable(e.getMessage() + "; nothing of " + name + " was queued");
    }
  }

  Operations.QueueView tasks(String state, String source, String priority, Long beforeId, int limit) {
    TaskFilter f = TaskFilter.all().withLimit(limit).withBeforeId(beforeId);
    try {
      if (state != null && !state.isBlank()) {
        f = f.withState(TaskState.valueOf(state.trim().toUpperCase(Locale.ROOT)));
      }
      if (priority != null && !priority.isBlank()) {
        f = f.withPriority(Priority.parse(priority));
      }
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("bad filter: " + e.getMessage(),
          List.of("states: " + List.of(TaskState.values()), "priorities: " + List.of(Priority.values())));
    }
    if (source != null && !source.isBlank()) {
      f = f.withSource(source);
    }
    return new Operations.QueueView(queue().stats(), queue().list(f));
  }

  Task task(long id) {
    return queue().find(id).orElseThrow(() -> ApiException.notFound("task " + id));
  }

  Task cancel(long id, String by) {
    Task t = task(id);
    Task cancelled = queue().cancel(id, by).orElseThrow(() ->
        ApiException.conflict("task " + id + " is " + t.state() + "; only a live task can be cancelled"));
    if (t.runId() != null && t.state() == TaskState.RUNNING) {
      daemon.engine().control().cancel(t.runId(), "its task " + id + " was cancelled by " + by);
    }
    return cancelled;
  }

  Task requeue(long id) {
    Task t = task(id);
    try {
      return queue().requeue(id).orElseThrow(() -> ApiException.conflict("task " + id + " is "
          + t.state() + "; only DEAD, FAILED, TIMED_OUT or CANCELLED tasks can be requeued"));
    } catch (LiveTaskExistsException e) {
      throw ApiException.conflict(e.getMessage());
    } catch (QueueFullException e) {
      throw ApiException.unavailable(e.getMessage());
    }
  }
}
