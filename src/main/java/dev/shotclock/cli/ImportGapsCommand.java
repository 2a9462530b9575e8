package dev.shotclock.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "import-gaps", description = "Queue the tasks of a gaps file in the original"
    + " inventory/gaps.json schema, in one transaction; importing the same file twice queues nothing"
    + " new.")
final class ImportGapsCommand implements Callable<Integer> {

  @Mixin Shared shared;

  @Parameters(index = "0", paramLabel = "FILE")
  Path file;

  @Override
  public Integer call() {
    JsonNode gaps;
    try {
      gaps = DaemonClient.JSON.readTree(Files.readString(file));
    } catch (IOException e) {
      throw new CliException(ExitCodes.USAGE, "cannot read " + file + " as JSON: " + e.getMessage());
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", file.getFileName().toString());
    body.put("gaps", gaps);
    body.put("requested_by", Shared.requester());
    DaemonClient.Reply reply = shared.client().post("/api/v1/tasks/import", body);
    if (reply.status() == 503) {
      throw new CliException(ExitCodes.FAILED, "queue full: " + reply.error());
    }
    JsonNode r = DaemonClient.require(reply);
    if (!shared.printedJson(r)) {
      shared.println(file + ": " + r.get("tasks").asInt() + " task(s): " + r.get("outcomes"));
    }
    return ExitCodes.OK;
  }
}
