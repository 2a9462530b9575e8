package dev.shotclock.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "show", description = "One run: its state, each step's tries, exit codes and errors, and its events.")
final class ShowCommand implements Callable<Integer> {

  @Mixin Shared shared;

  @Parameters(index = "0", paramLabel = "RUN", description = "Run id.")
  long runId;

  @Override
  public Integer call() {
    JsonNode detail = DaemonClient.require(shared.client().get("/api/v1/runs/" + runId));
    if (shared.printedJson(detail)) {
      return ExitCodes.OK;
    }
    JsonNode run = detail.get("run");
    shared.println("run " + runId + "  " + Shared.text(run, "workflow_id") + "  "
        + Shared.text(run, "state") + "  attempt " + run.get("attempt").asInt());
    shared.println("  slot      " + Shared.text(run, "slot_key") + " (" + Shared.text(run, "trigger_kind") + ")");
    shared.println("  node      " + Shared.text(run, "node_id"));
    shared.println("  started   " + Shared.time(run, "started_at") + "   finished "
        + Shared.time(run, "finished_at") + "   duration " + shared.duration(run));
    if (Shared.text(run, "reason") != null) {
      shared.println("  reason    " + Shared.text(run, "reason"));
    }
    if (Shared.text(run, "error") != null) {
      shared.println("  outcome   " + Shared.text(run, "error"));
    }
    if (run.path("params").size() > 0) {
      shared.println("  params    " + run.get("params"));
    }
    shared.println("  log       " + Shared.text(run, "log_path"));
    shared.println("");
    Table t = new Table("STEP", "ATTEMPT", "TRY", "STATE", "EXIT", "STARTED", "DURATION", "ERROR");
    for (JsonNode s : detail.get("steps")) {
      t.row(Shared.text(s, "step_id"), s.get("run_attempt").asInt(), s.get("try_number").asInt(),
          Shared.text(s, "state"), Shared.text(s, "exit_code"), Shared.time(s, "started_at"),
          shared.duration(s), Shared.text(s, "error") == null ? null : RunsCommand.abbreviate(Shared.text(s, "error")));
    }
    t.print(shared.out);
    if (detail.path("events").size() > 0) {
      shared.println("");
      detail.get("events").forEach(e -> shared.println(Shared.time(e, "at") + "  "
          + Shared.text(e, "kind") + "  " + Shared.text(e, "message")));
    }
    return ExitCodes.OK;
  }
}
