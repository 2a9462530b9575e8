package dev.shotclock.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "backfill", description = "Run the past slots of a workflow between --from and --to,"
    + " one after another: slots with no row and slots recorded as not run. Slots that ran are kept."
    + " At most 1000 slots.")
final class BackfillCommand implements Callable<Integer> {

  @Mixin Shared shared;

  @Parameters(index = "0", paramLabel = "WORKFLOW")
  String workflow;

  @Option(names = "--from", required = true, paramLabel = "TIME",
      description = "ISO instant (2026-11-20T00:00:00Z) or a duration ago (3d).")
  String from;

  @Option(names = "--to", paramLabel = "TIME", defaultValue = "0s",
      description = "ISO instant or a duration ago (default: now).")
  String to;

  @Option(names = "--dry-run", description = "Only list what would run.")
  boolean dryRun;

  @Override
  public Integer call() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("from", from);
    body.put("to", to);
    body.put("dry_run", dryRun);
    body.put("requested_by", Shared.requester());
    JsonNode r = DaemonClient.require(shared.client().post("/api/v1/workflows/" + workflow + "/backfill", body));
    if (shared.printedJson(r)) {
      return ExitCodes.OK;
    }
    Table t = new Table("SLOT", "ACTION", "RUN");
    r.get("slots").forEach(s -> t.row(Shared.time(s, "scheduled_at"), Shared.text(s, "action"),
        Shared.text(s, "run_id")));
    t.print(shared.out);
    return ExitCodes.OK;
  }
}
