package dev.shotclock.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "pause", description = "Stop a workflow's (or, with --all, every) cron triggers"
    + " until resumed; stored, so it survives a restart. Manual triggers still run. Slots that pass"
    + " are recorded SKIPPED_PAUSED.")
final class PauseCommand implements Callable<Integer> {

  /** A workflow, or everything. */
  static final class Target {
    @Parameters(index = "0", paramLabel = "WORKFLOW") String workflow;
    @Option(names = "--all", required = true, description = "The whole scheduler.") boolean all;
  }

  @Mixin Shared shared;

  @ArgGroup(exclusive = true, multiplicity = "1") Target target;

  @Option(names = "--reason", description = "Why, for the audit log and status.")
  String reason;

  @Option(names = "--until", paramLabel = "TIME",
      description = "Resume by itself then (catch-up skip): an ISO instant or a duration from now (2h).")
  String until;

  @Override
  public Integer call() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("requested_by", Shared.requester());
    body.put("reason", reason);
    body.put("until", until);
    String path = target.all ? "/api/v1/pause" : "/api/v1/workflows/" + target.workflow + "/pause";
    JsonNode r = DaemonClient.require(shared.client().post(path, body));
    if (!shared.printedJson(r)) {
      shared.println(Shared.text(r, "message"));
    }
    return ExitCodes.OK;
  }
}
