package dev.shotclock.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "logs", description = "A run's log (all steps, each line stamped); --follow tails it until the run ends.")
final class LogsCommand implements Callable<Integer> {

  private static final long POLL_MILLIS = 500;

  @Mixin Shared shared;

  @Parameters(index = "0", paramLabel = "RUN", description = "Run id.")
  long runId;

  @Option(names = {"-f", "--follow"}, description = "Keep printing new output until the run ends.")
  boolean follow;

  @Override
  public Integer call() throws InterruptedException {
    DaemonClient client = shared.client();
    long offset = 0;
    while (true) {
      JsonNode chunk = DaemonClient.require(client.get("/api/v1/runs/" + runId + "/log?offset=" + offset));
      String text = Shared.text(chunk, "text");
      if (text != null && !text.isEmpty() && !shared.quiet) {
        shared.out.print(text);
        shared.out.flush();
      }
      long next = chunk.get("next").asLong();
      boolean more = next < chunk.get("size").asLong();
      if (more) {
        offset = next;
        continue;
      }
      if (!follow || chunk.get("complete").asBoolean()) {
        return ExitCodes.OK;
      }
      offset = next;
      Thread.sleep(POLL_MILLIS);
    }
  }
}
