package dev.shotclock.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "resume", description = "Resume a paused workflow (or, with --all, the scheduler)."
    + " --catch-up decides what happens to the slots that passed while paused: skip (default, no"
    + " burst), once (run the latest), all (run each, one after another).")
final class ResumeCommand implements Callable<Integer> {

  @Mixin Shared shared;

  @ArgGroup(exclusive = true, multiplicity = "1") PauseCommand.Target target;

  @Option(names = "--catch-up", defaultValue = "skip", paramLabel = "skip|once|all",
      description = "Default: ${DEFAULT-VALUE}.")
  String catchUp;

  @Override
  public Integer call() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("requested_by", Shared.requester());
    body.put("catch_up", catchUp);
    String path = target.all ? "/api/v1/resume" : "/api/v1/workflows/" + target.workflow + "/resume";
    JsonNode r = DaemonClient.require(shared.client().post(path, body));
    if (!shared.printedJson(r)) {
      shared.println(Shared.text(r, "message"));
    }
    return ExitCodes.OK;
  }
}
