package dev.shotclock.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "reload", description = "Validate conf/ and apply it without a restart; an invalid"
    + " configuration changes nothing and every problem is listed (exit 2).")
final class ReloadCommand implements Callable<Integer> {

  @Mixin Shared shared;

  @Option(names = "--dry-run", description = "Only show what would change.")
  boolean dryRun;

  @Override
  public Integer call() {
    JsonNode r = DaemonClient.require(shared.client().post("/api/v1/reload" + (dryRun ? "?dry_run=true" : ""), Map.of()));
    if (shared.printedJson(r)) {
      return ExitCodes.OK;
    }
    shared.println((r.get("applied").asBoolean() ? "applied" : "dry run, nothing applied") + ":");
    for (String key : new String[] {"added", "changed", "removed"}) {
      shared.println("  " + key + ": " + r.get(key));
    }
    if (r.path("sources_changed").asBoolean()) {
      shared.println("  sources.yaml: changed (the dispatcher's next pass uses it)");
    }
    r.path("plan").forEach(p -> shared.println("  " + Shared.text(p, "workflow_id") + " ("
        + Shared.text(p, "change") + "): next fires " + p.get("next_before") + " -> " + p.get("next_after")));
    if (r.path("restart_needed").size() > 0) {
      shared.println("  needs a restart (not applied): " + r.get("restart_needed"));
    }
    return ExitCodes.OK;
  }
}
