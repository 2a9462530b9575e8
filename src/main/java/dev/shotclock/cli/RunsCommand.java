package dev.shotclock.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "runs", description = "Run history, newest first, including slots that did not run and why.")
final class RunsCommand implements Callable<Integer> {

  @Mixin Shared shared;

  @Parameters(index = "0", arity = "0..1", paramLabel = "WORKFLOW", description = "Only this workflow.")
  String workflow;

  @Option(names = "--state", description = "Only runs in this state (e.g. FAILED, MISSED).")
  String state;

  @Option(names = "--limit", defaultValue = "20", description = "At most this many (default ${DEFAULT-VALUE}).")
  int limit;

  @Override
  public Integer call() {
    StringBuilder q = new StringBuilder("/api/v1/runs?limit=" + limit);
    if (workflow != null) {
      q.append("&workflow=").append(URLEncoder.encode(workflow, StandardCharsets.UTF_8));
    }
    if (state != null) {
      q.append("&state=").append(URLEncoder.encode(state, StandardCharsets.UTF_8));
    }
    JsonNode runs = DaemonClient.require(shared.client().get(q.toString()));
    if (shared.printedJson(runs)) {
      return ExitCodes.OK;
    }
    Table t = new Table("RUN", "WORKFLOW", "SLOT", "KIND", "STATE", "ATTEMPT", "STARTED", "DURATION", "REASON");
    for (JsonNode r : runs) {
      String why = Shared.text(r, "error") != null ? Shared.text(r, "error") : Shared.text(r, "reason");
      t.row(r.get("id").asText(), Shared.text(r, "workflow_id"), Shared.time(r, "scheduled_at"),
          Shared.text(r, "trigger_kind"), Shared.text(r, "state"), r.get("attempt").asInt(),
          Shared.time(r, "started_at"), shared.duration(r), why == null ? null : abbreviate(why));
    }
    t.print(shared.out);
    return ExitCodes.OK;
  }

  static String abbreviate(String s) {
    String one = s.replace('\n', ' ');
    return one.length() > 80 ? one.substring(0, 79) + "…" : one;
  }
}
