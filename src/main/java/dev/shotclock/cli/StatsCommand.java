package dev.shotclock.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "stats", description = "A workflow's last days: runs by outcome, slots not run, and"
    + " run durations (p50, p95, max) per UTC day, runs already pruned from the history included."
    + " Exits 5 when the workflow is not configured.")
final class StatsCommand implements Callable<Integer> {

  /** As the API's bound: ten years. */
  static final int MAX_DAYS = 3650;

  @Mixin Shared shared;

  @Parameters(index = "0", paramLabel = "WORKFLOW")
  String workflow;

  @Option(names = "--days", defaultValue = "30", paramLabel = "N",
      description = "The last N UTC days, today included: 1 to " + MAX_DAYS + " (default ${DEFAULT-VALUE}).")
  int days;

  @Override
  public Integer call() {
    if (days < 1 || days > MAX_DAYS) {
      throw new CliException(ExitCodes.USAGE, "--days must be between 1 and " + MAX_DAYS + ": " + days);
    }
    DaemonClient.Reply reply = shared.client().get("/api/v1/workflows/"
        + URLEncoder.encode(workflow, StandardCharsets.UTF_8) + "/stats?days=" + days);
    if (reply.status() == 404) {
      throw new CliException(ExitCodes.USAGE, reply.error());
    }
    JsonNode stats = DaemonClient.require(reply);
    if (shared.printedJson(stats)) {
      return ExitCodes.OK;
    }
    shared.println(workflow + ": last " + stats.path("days").asInt() + " days, "
        + stats.path("from").asText() + " to " + stats.path("to").asText() + " (UTC)");
    Table t = new Table("DAY", "RUNS", "NOT RUN", "P50", "P95", "MAX", "PRUNED", "OUTCOMES");
    row(t, "total", stats.path("total"));
    stats.path("daily").forEach(d -> row(t, d.path("day").asText(), d));
    t.print(shared.out);
    return ExitCodes.OK;
  }

  private static void row(Table t, String label, JsonNode d) {
    List<String> outcomes = new ArrayList<>();
    d.path("outcomes").fields().forEachRemaining(e -> outcomes.add(e.getKey() + " " + e.getValue().asLong()));
    t.row(label, d.path("runs").asLong(), d.path("not_run").asLong(), millis(d, "p50_ms"),
        millis(d, "p95_ms"), millis(d, "max_ms"), d.path("pruned").asLong(),
        outcomes.isEmpty() ? null : String.join(", ", outcomes));
  }

  private static String millis(JsonNode d, String field) {
    JsonNode v = d.get(field);
    return v == null || v.isNull() ? null : Shared.human(Duration.ofMillis(v.asLong()));
  }
}
