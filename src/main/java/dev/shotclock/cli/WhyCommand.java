package dev.shotclock.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "why", description = "Why a workflow did or did not run, and what it does next:"
    + " trigger evaluation, pause, overlap, catch-up, last outcome, next fire.")
final class WhyCommand implements Callable<Integer> {

  @Mixin Shared shared;

  @Parameters(index = "0", paramLabel = "WORKFLOW")
  String workflow;

  @Override
  public Integer call() {
    JsonNode why = DaemonClient.require(shared.client().get("/api/v1/why/" + workflow));
    if (!shared.printedJson(why)) {
      shared.println(workflow + ":");
      why.get("lines").forEach(l -> shared.println("  " + l.asText()));
    }
    return ExitCodes.OK;
  }
}
