package dev.shotclock.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "cancel", description = "Cancel a run (its steps' process groups are terminated:"
    + " TERM, grace, KILL), or with --task a queued task (and its run, if it is running).")
final class CancelCommand implements Callable<Integer> {

  @Mixin Shared shared;

  @Parameters(index = "0", paramLabel = "RUN|TASK")
  long runId;

  @picocli.CommandLine.Option(names = "--task", description = "The id is a task's, not a run's.")
  boolean task;

  @Override
  public Integer call() {
    if (task) {
      JsonNode t = DaemonClient.require(shared.client().post("/api/v1/tasks/" + runId + "/cancel",
          Map.of("requested_by", Shared.requester())));
      if (!shared.printedJson(t)) {
        shared.println("task " + runId + ": " + Shared.text(t, "state"));
      }
      return ExitCodes.OK;
    }
    JsonNode r = DaemonClient.require(shared.client().post("/api/v1/runs/" + runId + "/cancel",
        Map.of("requested_by", Shared.requester())));
    if (!shared.printedJson(r)) {
      shared.println("run " + runId + ": " + Shared.text(r, "outcome").toLowerCase().replace('_', ' '));
    }
    return ExitCodes.OK;
  }
}
