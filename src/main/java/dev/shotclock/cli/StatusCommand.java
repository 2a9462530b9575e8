package dev.shotclock.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "status", description = "Scheduler state and each workflow's next fire and last"
    + " outcome. With --quiet: prints nothing, exits 0 only when healthy (for cron).")
final class StatusCommand implements Callable<Integer> {

  @Mixin Shared shared;

  @Override
  public Integer call() {
    DaemonClient client = shared.client();
    if (shared.quiet) {
      return client.get("/health").ok() ? ExitCodes.OK : ExitCodes.FAILED;
    }
    JsonNode status = DaemonClient.require(client.get("/api/v1/status"));
    DaemonClient.Reply health = client.get("/health");
    if (shared.printedJson(status)) {
      return health.ok() ? ExitCodes.OK : ExitCodes.FAILED;
    }
    shared.println("node " + Shared.text(status, "node_id") + "  version "
        + Shared.text(status, "version") + "  up since " + Shared.time(status, "started_at"));
    shared.println("health " + Shared.text(health.body(), "status") + "  scheduler "
        + (status.get("scheduler_running").asBoolean() ? "running" : "STOPPED") + "  running runs "
        + status.get("running_runs").asInt() + "  store " + Shared.text(status, "store"));
    health.body().path("reasons").forEach(r -> shared.println("  ! " + r.asText()));
    status.path("components").fields().forEachRemaining(c -> shared.println(String.format("  %-12s %-9s %s",
        c.getKey(), Shared.text(c.getValue(), "state"),
        Shared.text(c.getValue(), "detail") == null ? "" : Shared.text(c.getValue(), "detail"))));
    if (status.path("scheduler_paused").asBoolean()) {
      shared.println("SCHEDULER PAUSED by " + Shared.text(status, "paused_by")
          + (Shared.text(status, "pause_reason") != null ? ": " + Shared.text(status, "pause_reason") : "")
          + (Shared.text(status, "paused_until") != null ? " (until " + Shared.time(status, "paused_until") + ")" : ""));
    }
    shared.println("");
    WorkflowsCommand.table(status.get("workflows")).print(shared.out);
    return health.ok() ? ExitCodes.OK : ExitCodes.FAILED;
  }
}
