package dev.shotclock.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "retry", description = "Start a new run that re-executes only the steps of RUN that"
    + " did not succeed (same parameters). --wait exits with its outcome like trigger --wait.")
final class RetryCommand implements Callable<Integer> {

  @Mixin Shared shared;

  @Parameters(index = "0", paramLabel = "RUN")
  long runId;

  @Option(names = "--wait", description = "Wait for the new run to end; exit with its outcome.")
  boolean await;

  @Override
  public Integer call() throws InterruptedException {
    DaemonClient client = shared.client();
    JsonNode t = DaemonClient.require(client.post("/api/v1/runs/" + runId + "/retry",
        Map.of("requested_by", Shared.requester())));
    long newRun = t.get("run_id").asLong();
    if (!await) {
      if (!shared.printedJson(t)) {
        shared.println("run " + newRun + " retries run " + runId + ": " + Shared.text(t, "message"));
      }
      return ExitCodes.OK;
    }
    JsonNode run = TriggerCommand.waitForEnd(client, newRun);
    if (!shared.printedJson(run)) {
      shared.println("run " + newRun + " (retry of " + runId + ") ended " + Shared.text(run, "state"));
    }
    return ExitCodes.ofRunState(Shared.text(run, "state"));
  }
}
