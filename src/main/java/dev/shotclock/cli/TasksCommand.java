package dev.shotclock.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "tasks", description = "The task queue: counts by state, priority and source, the"
    + " oldest pending age, and tasks newest first. `tasks ID` shows one; --dead lists dead letters.")
final class TasksCommand implements Callable<Integer> {

  @Mixin Shared shared;

  @Parameters(index = "0", arity = "0..1", paramLabel = "TASK", description = "One task's details.")
  Long taskId;

  @Option(names = "--state", description = "PENDING, RUNNING, RETRY_WAIT, SUCCEEDED, DEAD, ...")
  String state;

  @Option(names = "--dead", description = "Dead letters (same as --state DEAD); requeue with `shotclock requeue TASK`.")
  boolean dead;

  @Option(names = "--source")
  String source;

  @Option(names = "--priority")
  String priority;

  @Option(names = "--limit", defaultValue = "20")
  int limit;

  @Override
  public Integer call() {
    DaemonClient client = shared.client();
    if (taskId != null) {
      JsonNode t = DaemonClient.require(client.get("/api/v1/tasks/" + taskId));
      if (!shared.printedJson(t)) {
        t.fields().forEachRemaining(e -> shared.println(String.format("  %-15s %s", e.getKey(),
            e.getValue().isNull() ? "-" : e.getValue().isTextual() ? e.getValue().asText() : e.getValue())));
      }
      return ExitCodes.OK;
    }
    StringBuilder q = new StringBuilder("/api/v1/tasks?limit=" + limit);
    String s = dead ? "DEAD" : state;
    append(q, "state", s);
    append(q, "source", source);
    append(q, "priority", priority);
    JsonNode view = DaemonClient.require(client.get(q.toString()));
    if (shared.printedJson(view)) {
      return ExitCodes.OK;
    }
    JsonNode stats = view.get("stats");
    shared.println("live " + stats.get("total_live").asLong() + "  by state " + stats.get("by_state")
        + "\n  live by priority " + stats.get("live_by_priority") + "\n  live by source " + stats.get("live_by_source")
        + "\n  oldest pending " + (stats.get("oldest_pending_age").isNull() ? "-" : stats.get("oldest_pending_age").asText()));
    shared.println("");
    Table t = new Table("TASK", "SOURCE", "KEY", "PRIORITY", "STATE", "ATTEMPT", "RUN", "LAST ERROR");
    view.get("tasks").forEach(task -> t.row(task.get("id").asText(), Shared.text(task, "source"),
        Shared.text(task, "dedupe_key"), Shared.text(task, "priority"), Shared.text(task, "state"),
        task.get("attempt").asInt() + "/" + task.get("max_attempts").asInt(), Shared.text(task, "run_id"),
        Shared.text(task, "last_error") == null ? null : RunsCommand.abbreviate(Shared.text(task, "last_error"))));
    t.print(shared.out);
    return ExitCodes.OK;
  }

  private static void append(StringBuilder q, String name, String value) {
    if (value != null) {
      q.append('&').append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
  }
}
