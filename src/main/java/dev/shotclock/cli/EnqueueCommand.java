package dev.shotclock.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "enqueue", description = "Queue a task for a data source (conf/sources.yaml): it runs"
    + " the source's workflow with the params, within the source's limits. The same --key is queued"
    + " once (a live key returns the existing task; a key that succeeded within the cooldown is not"
    + " queued). Exit 1 when the queue is full.")
final class EnqueueCommand implements Callable<Integer> {

  @Mixin Shared shared;

  @Parameters(index = "0", paramLabel = "SOURCE")
  String source;

  @Option(names = "--key", required = true, description = "Dedupe key, e.g. espn:pbp:2025:0022500123.")
  String key;

  @Option(names = "--priority", defaultValue = "NORMAL",
      description = "CRITICAL, HIGH, NORMAL, LOW, BACKGROUND or 1-5 (default ${DEFAULT-VALUE}).")
  String priority;

  @Option(names = "--operation", description = "A label of what to do (kept with the task).")
  String operation;

  @Option(names = {"-p", "--param"}, paramLabel = "KEY=VALUE", description = "A workflow parameter.")
  Map<String, String> params = new LinkedHashMap<>();

  @Override
  public Integer call() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("source", source);
    body.put("key", key);
    body.put("priority", priority);
    body.put("operation", operation);
    body.put("params", params);
    body.put("requested_by", Shared.requester());
    DaemonClient.Reply reply = shared.client().post("/api/v1/tasks", body);
    if (reply.status() == 503) {
      throw new CliException(ExitCodes.FAILED, "queue full: " + reply.error());
    }
    JsonNode r = DaemonClient.require(reply);
    if (!shared.printedJson(r)) {
      shared.println("task " + r.get("task_id").asText() + " " + Shared.text(r, "outcome").toLowerCase()
          + " (" + Shared.text(r, "state") + ", " + Shared.text(r, "priority") + ")");
    }
    return ExitCodes.OK;
  }
}
