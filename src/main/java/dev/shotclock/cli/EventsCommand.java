package dev.shotclock.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "events", description = "What the daemon and its watchdog saw and did: recoveries,"
    + " repairs, health changes, missed slots, pauses, reloads, API calls; newest first.")
final class EventsCommand implements Callable<Integer> {

  @Mixin Shared shared;

  @Option(names = "--kind", description = "Only this kind (REPAIR, HEALTH_DOWN, SLOTS_MISSED, AUDIT, ...).")
  String kind;

  @Option(names = "--workflow", description = "Only events of this workflow.")
  String workflow;

  @Option(names = "--limit", defaultValue = "50")
  int limit;

  @Override
  public Integer call() {
    StringBuilder q = new StringBuilder("/api/v1/events?limit=" + limit);
    if (kind != null) {
      q.append("&kind=").append(URLEncoder.encode(kind, StandardCharsets.UTF_8));
    }
    if (workflow != null) {
      q.append("&workflow=").append(URLEncoder.encode(workflow, StandardCharsets.UTF_8));
    }
    JsonNode events = DaemonClient.require(shared.client().get(q.toString()));
    if (shared.printedJson(events)) {
      return ExitCodes.OK;
    }
    Table t = new Table("AT", "SEVERITY", "KIND", "WORKFLOW", "RUN", "WHAT");
    events.forEach(e -> t.row(Shared.time(e, "at"), Shared.text(e, "severity"), Shared.text(e, "kind"),
        Shared.text(e, "workflow_id"), Shared.text(e, "run_id"), Shared.text(e, "message")));
    t.print(shared.out);
    return ExitCodes.OK;
  }
}
