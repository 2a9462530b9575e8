package dev.shotclock.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shotclock.config.Durations;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "reconciliation", description = "When each reconcile and enqueue step last looked for"
    + " gaps: gaps by priority (critical/high/normal/low), tasks created and deduplicated, and the"
    + " inventory's age (the newest file of its stalest source).")
final class ReconciliationCommand implements Callable<Integer> {

  @Mixin Shared shared;

  @Parameters(arity = "0..1", paramLabel = "WF", description = "Only this workflow.")
  String workflow;

  @Override
  public Integer call() {
    String q = "/api/v1/reconciliation" + (workflow == null ? ""
        : "?workflow=" + URLEncoder.encode(workflow, StandardCharsets.UTF_8));
    JsonNode records = DaemonClient.require(shared.client().get(q));
    if (shared.printedJson(records)) {
      return ExitCodes.OK;
    }
    if (records.isEmpty()) {
      shared.println("no reconcile or enqueue step has run yet");
      return ExitCodes.OK;
    }
    Table t = new Table("WORKFLOW", "STEP", "KIND", "LAST", "RUN", "EXPECTED", "COLLECTED", "GAPS",
        "C/H/N/L", "CREATED", "DEDUP", "INVENTORY AGE");
    records.forEach(r -> t.row(Shared.text(r, "workflow_id"), Shared.text(r, "step_id"),
        Shared.text(r, "kind"), Shared.time(r, "finished_at"), Shared.text(r, "run_id"),
        orDash(r, "items_expected"), orDash(r, "items_collected"), Shared.text(r, "gaps_found"),
        byPriority(r.get("by_priority")), Shared.text(r, "tasks_created"),
        Shared.text(r, "tasks_deduplicated"), age(r)));
    t.print(shared.out);
    return ExitCodes.OK;
  }

  private static String orDash(JsonNode r, String field) {
    String v = Shared.text(r, field);
    return v == null ? "-" : v;
  }

  private static String byPriority(JsonNode p) {
    return p == null ? "-" : p.path("critical").asLong() + "/" + p.path("high").asLong() + "/"
        + p.path("normal").asLong() + "/" + p.path("low").asLong();
  }

  private static String age(JsonNode r) {
    JsonNode seconds = r.get("inventory_age_seconds");
    String source = Shared.text(r, "stalest_source");
    if (seconds == null || seconds.isNull()) {
      return source == null ? "-" : "no file (" + source + ")";
    }
    return Durations.format(Duration.ofSeconds(seconds.asLong())) + (source == null ? "" : " (" + source + ")");
  }
}
