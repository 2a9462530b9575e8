package dev.shotclock.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "workflows", description = "Workflows with triggers, pause state, next fire and last outcome.")
final class WorkflowsCommand implements Callable<Integer> {

  @Mixin Shared shared;

  @Override
  public Integer call() {
    JsonNode list = DaemonClient.require(shared.client().get("/api/v1/workflows"));
    if (!shared.printedJson(list)) {
      table(list).print(shared.out);
    }
    return ExitCodes.OK;
  }

  static Table table(JsonNode workflows) {
    Table t = new Table("WORKFLOW", "TRIGGERS", "PAUSED", "NEXT FIRE", "LAST RUN", "LAST STATE");
    for (JsonNode wf : workflows) {
      StringBuilder triggers = new StringBuilder();
      wf.path("triggers").forEach(tr -> triggers.append(triggers.length() == 0 ? "" : "; ").append(tr.asText()));
      JsonNode last = wf.get("last_run");
      t.row(Shared.text(wf, "id"), triggers.length() == 0 ? "manual" : triggers,
          wf.path("paused").asBoolean() ? "yes" : "no", Shared.time(wf, "next_fire"),
          last == null || last.isNull() ? null : last.get("id").asText(),
          last == null || last.isNull() ? null : Shared.text(last, "state"));
    }
    return t;
  }
}
