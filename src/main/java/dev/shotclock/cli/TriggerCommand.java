package dev.shotclock.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "trigger", description = "Start a run of a workflow now (also when it is paused)."
    + " --wait follows it and exits with its outcome: 0 succeeded, 1 failed or timed out, 130 cancelled.")
final class TriggerCommand implements Callable<Integer> {

  private static final long POLL_MILLIS = 500;

  @Mixin Shared shared;

  @Parameters(index = "0", paramLabel = "WORKFLOW")
  String workflow;

  @Option(names = {"-p", "--param"}, paramLabel = "KEY=VALUE",
      description = "A parameter (as ${param.KEY} in steps and SHOTCLOCK_PARAM_KEY in their env).")
  Map<String, String> params = new LinkedHashMap<>();

  @Option(names = "--key", paramLabel = "KEY",
      description = "Idempotency key: triggering twice with the same key returns the first run.")
  String idempotencyKey;

  @Option(names = "--wait", description = "Wait for the run to end; exit with its outcome.")
  boolean await;

  @Option(names = "--force", description = "Run even inside a blackout window (else refused, exit 4).")
  boolean force;

  @Override
  public Integer call() throws InterruptedException {
    DaemonClient client = shared.client();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("params", params);
    body.put("idempotency_key", idempotencyKey);
    body.put("requested_by", Shared.requester());
    body.put("force", force);
    JsonNode t = DaemonClient.require(client.post("/api/v1/workflows/" + workflow + "/trigger", body));
    long runId = t.get("run_id").asLong();
    if (!await) {
      if (!shared.printedJson(t)) {
        shared.println("run " + runId + " of " + workflow + (t.get("existing").asBoolean()
            ? " (existing run for this key)" : " started") + ": " + Shared.text(t, "state"));
      }
      return ExitCodes.OK;
    }
    JsonNode run = waitForEnd(client, runId);
    if (!shared.printedJson(run)) {
      shared.println("run " + runId + " of " + workflow + " ended " + Shared.text(run, "state")
          + (Shared.text(run, "error") != null ? ": " + Shared.text(run, "error") : ""));
    }
    return ExitCodes.ofRunState(Shared.text(run, "state"));
  }

  static JsonNode waitForEnd(DaemonClient client, long runId) throws InterruptedException {
    while (true) {
      JsonNode run = DaemonClient.require(client.get("/api/v1/runs/" + runId)).get("run");
      String state = Shared.text(run, "state");
      if (!state.equals("SCHEDULED") && !state.equals("RUNNING")) {
        return run;
      }
      Thread.sleep(POLL_MILLIS);
    }
  }
}
