package dev.shotclock.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "requeue", description = "Give a DEAD (or failed, timed-out, cancelled) task a new series of attempts.")
final class RequeueCommand implements Callable<Integer> {

  @Mixin Shared shared;

  @Parameters(index = "0", paramLabel = "TASK")
  long taskId;

  @Override
  public Integer call() {
    JsonNode t = DaemonClient.require(shared.client().post("/api/v1/tasks/" + taskId + "/requeue",
        Map.of("requested_by", Shared.requester())));
    if (!shared.printedJson(t)) {
      shared.println("task " + taskId + " requeued: " + Shared.text(t, "state"));
    }
    return ExitCodes.OK;
  }
}
