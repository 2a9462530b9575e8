package dev.shotclock.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "health", description = "UP or DOWN with reasons; exit 0 when UP, 1 when DOWN.")
final class HealthCommand implements Callable<Integer> {

  @Mixin Shared shared;

  @Override
  public Integer call() {
    DaemonClient.Reply reply = shared.client().get("/health");
    JsonNode body = reply.body();
    if (!shared.printedJson(body)) {
      shared.println(Shared.text(body, "status"));
      body.path("components").fields().forEachRemaining(e ->
          shared.println("  " + e.getKey() + ": " + e.getValue().asText()));
      body.path("reasons").forEach(r -> shared.println("  ! " + r.asText()));
    }
    return reply.ok() ? ExitCodes.OK : ExitCodes.FAILED;
  }
}
