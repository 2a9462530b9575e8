package dev.shotclock.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "missed", description = "Slots that did not run (MISSED and the SKIPPED_* states) and why.")
final class MissedCommand implements Callable<Integer> {

  @Mixin Shared shared;

  @Parameters(index = "0", arity = "0..1", paramLabel = "WORKFLOW")
  String workflow;

  @Option(names = "--limit", defaultValue = "50")
  int limit;

  @Override
  public Integer call() {
    String q = "/api/v1/missed?limit=" + limit
        + (workflow != null ? "&workflow=" + URLEncoder.encode(workflow, StandardCharsets.UTF_8) : "");
    JsonNode rows = DaemonClient.require(shared.client().get(q));
    if (shared.printedJson(rows)) {
      return ExitCodes.OK;
    }
    Table t = new Table("RUN", "WORKFLOW", "SLOT", "STATE", "REASON");
    rows.forEach(r -> t.row(r.get("id").asText(), Shared.text(r, "workflow_id"),
        Shared.time(r, "scheduled_at"), Shared.text(r, "state"), Shared.text(r, "reason")));
    t.print(shared.out);
    return ExitCodes.OK;
  }
}
