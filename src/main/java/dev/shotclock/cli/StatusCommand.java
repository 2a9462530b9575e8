package dev.shotclock.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "status", description = "Scheduler state and each workflow's next fire and last"
    + " outcome. With --quiet: prints nothing, exits 0 only when healthy (for cron).")
final class StatusCommand implements Callable<Integer> {

  @Mixin Shared shared;

  @Override
  public Integer call() {
    DaemonClient client = shared.client();
    if (shared.quiet) {
      return client.get("/health").ok() ? ExitCodes.OK : ExitCodes.FAILED;
    }
    JsonNode status = DaemonClient.require(client.get("/api/v1/status"));
    DaemonClient.Reply health = client.get("/health");
    if (shared.printedJson(status)) {
      return health.ok() ? ExitCodes.OK : ExitCodes.FAILED;
    }
    shared.println("node " + Shared.text(status, "node_id") + "  version "
        + Shared.text(status, "version") + "  up since " + Shared.time(status, "started_at"));
    shared.println("health " + Shared.text(health.body(), "status") + "  scheduler "
        + (status.get("scheduler_running").asBoolean() ? "running" : "STOPPED") + "  running runs "
        + status.get("running_runs").asInt() + "  store " + Shared.text(status, "store"));
    printStoreSize(status.path("store_size"));
    health.body().path("reasons").forEach(r -> shared.println("  ! " + r.asText()));
    status.path("components").fields().forEachRemaining(c -> shared.println(String.format("  %-12s %-9s %s",
        c.getKey(), Shared.text(c.getValue(), "state"),
        Shared.text(c.getValue(), "detail") == null ? "" : Shared.text(c.getValue(), "detail"))));
    if (status.path("scheduler_paused").asBoolean()) {
      shared.println("SCHEDULER PAUSED by " + Shared.text(status, "paused_by")
          + (Shared.text(status, "pause_reason") != null ? ": " + Shared.text(status, "pause_reason") : "")
          + (Shared.text(status, "paused_until") != null ? " (until " + Shared.time(status, "paused_until") + ")" : ""));
    }
    printNodes(status);
    shared.println("");
    WorkflowsCommand.table(status.get("workflows")).print(shared.out);
    return health.ok() ? ExitCodes.OK : ExitCodes.FAILED;
  }

  /** How big the store is: the H2 file (with its live data and the disk's free space), or the tables. */
  private void printStoreSize(JsonNode size) {
    if (!size.isObject()) {
      shared.println("store size not measured");
      return;
    }
    String file = Shared.text(size, "file");
    shared.println("store size " + dev.shotclock.config.Sizes.human(size.get("size_bytes").asLong())
        + (size.hasNonNull("live_bytes") ? ", live data about " + dev.shotclock.config.Sizes.human(size.get("live_bytes").asLong()) : "")
        + (file != null ? ", file " + file : " (ShotClock and Quartz tables)")
        + (size.hasNonNull("disk_free_bytes") ? ", " + dev.shotclock.config.Sizes.human(size.get("disk_free_bytes").asLong())
            + " free on its disk" : ""));
  }

  /** In a cluster: every node, whether it is alive, its last check-in, clock and runs. */
  private void printNodes(JsonNode status) {
    if (!status.path("clustered").asBoolean()) {
      return;
    }
    shared.println("");
    shared.println("cluster nodes:");
    for (JsonNode n : status.path("nodes")) {
      String runs = n.path("runs").isEmpty() ? "" : "  " + n.path("runs").toString().replace("\"", "");
      shared.println(String.format("  %-20s %-5s check-in %-20s clock %-9s running %-3d%s%s",
          Shared.text(n, "node_id"), n.path("alive").asBoolean() ? "UP" : "DEAD",
          n.hasNonNull("last_checkin") ? Shared.time(n, "last_checkin") : "none",
          n.hasNonNull("clock_skew_ms") ? (n.get("clock_skew_ms").asLong() >= 0 ? "+" : "")
              + n.get("clock_skew_ms").asLong() + " ms" : "-",
          n.path("running").asInt(), n.path("self").asBoolean() ? "  (this node)" : "", runs));
    }
  }
}
