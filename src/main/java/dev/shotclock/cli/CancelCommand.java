package dev.shotclock.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "cancel", description = "Cancel a run: its steps' process groups are terminated (TERM, grace, KILL).")
final class CancelCommand implements Callable<Integer> {

  @Mixin Shared shared;

  @Parameters(index = "0", paramLabel = "RUN")
  long runId;

  @Override
  public Integer call() {
    JsonNode r = DaemonClient.require(shared.client().post("/api/v1/runs/" + runId + "/cancel",
        Map.of("requested_by", Shared.requester())));
    if (!shared.printedJson(r)) {
      shared.println("run " + runId + ": " + Shared.text(r, "outcome").toLowerCase().replace('_', ' '));
    }
    return ExitCodes.OK;
  }
}
