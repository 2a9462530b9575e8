package dev.shotclock.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "audit", description = "Every mutating API call (who, what, when, result), newest"
    + " first; --all adds the daemon's own events (recoveries, pauses, reloads, missed slots).")
final class AuditCommand implements Callable<Integer> {

  @Mixin Shared shared;

  @Option(names = "--limit", defaultValue = "50")
  int limit;

  @Option(names = "--all", description = "All events, not only API calls.")
  boolean all;

  @Override
  public Integer call() {
    JsonNode events = DaemonClient.require(shared.client().get("/api/v1/events?limit=" + limit
        + (all ? "" : "&kind=AUDIT")));
    if (shared.printedJson(events)) {
      return ExitCodes.OK;
    }
    Table t = new Table("AT", "KIND", "WORKFLOW", "RUN", "WHAT");
    events.forEach(e -> t.row(Shared.time(e, "at"), Shared.text(e, "kind"), Shared.text(e, "workflow_id"),
        Shared.text(e, "run_id"), Shared.text(e, "message")));
    t.print(shared.out);
    return ExitCodes.OK;
  }
}
