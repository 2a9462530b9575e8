package dev.shotclock.bench;

import dev.shotclock.config.CatchUp;
import dev.shotclock.config.ConfigLoader;
import dev.shotclock.config.CrashPolicy;
import dev.shotclock.config.OverlapPolicy;
import dev.shotclock.config.RetrySpec;
import dev.shotclock.config.ShotClockConfig;
import dev.shotclock.config.StepDef;
import dev.shotclock.config.TriggerDef;
import dev.shotclock.config.WorkflowDef;
import dev.shotclock.daemon.Daemon;
import dev.shotclock.quartz.QuartzCron;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real ShotClock daemon in this JVM: the production composition root ({@link Daemon#start})
 * with its Quartz set-up, job adapter, run history, watchdog, dispatcher and admin API, on a
 * configuration loaded by the real loader from a generated {@code shotclock.yaml} (so every
 * default is the shipped one), plus workflows built in code.
 */
public final class ShotClockNode implements AutoCloseable {

  private final Daemon daemon;

  private ShotClockNode(Daemon daemon) {
    this.daemon = daemon;
  }

  public static ShotClockNode start(BenchStore store, Path dir, List<WorkflowDef> workflows)
      throws IOException {
    Path conf = dir.resolve("conf");
    Files.createDirectories(conf.resolve("workflows"));
    Files.writeString(conf.resolve("shotclock.yaml"), settingsYaml(store, dir.resolve("var")));
    ShotClockConfig loaded = new ConfigLoader(new QuartzCron(), System.getenv(), "bench-node")
        .load(conf);
    ShotClockConfig config = new ShotClockConfig(loaded.configDir(), loaded.daemon(), workflows,
        loaded.sources());
    return new ShotClockNode(Daemon.start(config, () -> config, Daemon.Options.production()));
  }

  /** Only what a bench must set: where, which store, admin on a free port. */
  static String settingsYaml(BenchStore store, Path stateDir) {
    return "node_id: bench-node\n"
        + "state_dir: " + stateDir.toAbsolutePath() + "\n"
        + "store:\n"
        + "  url: \"" + store.url() + "\"\n"
        + "  username: " + store.user() + "\n"
        + "  password: \"\"\n"
        // unset = the shipped default (10); -Dbench.sc.pool_size tries another for a what-if
        + (System.getProperty("bench.sc.pool_size") == null ? ""
            : "  pool_size: " + System.getProperty("bench.sc.pool_size") + "\n")
        + "admin:\n"
        + "  port: 0\n";
  }

  public Daemon daemon() {
    return daemon;
  }

  /**
   * A workflow without steps: a fire costs exactly the scheduler path and the run history (run
   * admitted, RUNNING, SUCCEEDED, run log opened), no child process. The YAML loader insists on
   * at least one step, so it is built in code; overlap ALLOW lets all fires run at once.
   *
   * @param cron Quartz cron expressions (seconds first)
   */
  public static WorkflowDef noopWorkflow(String id, List<String> cron) {
    return workflow(id, cron, List.of());
  }

  public static WorkflowDef workflow(String id, List<String> cron, List<StepDef> steps) {
    List<TriggerDef> triggers = new ArrayList<>();
    for (String c : cron) {
      triggers.add(new TriggerDef(c, ZoneId.of("UTC"), Duration.ZERO));
    }
    return new WorkflowDef(id, "bench " + id, triggers, CatchUp.NONE, OverlapPolicy.ALLOW, null,
        RetrySpec.NONE, CrashPolicy.RERUN, Map.of(), Map.of(), null,
        Path.of(System.getProperty("java.io.tmpdir")), steps, null, null, false,
        dev.shotclock.config.UpstreamDef.NONE, List.of(), null);
  }

  @Override
  public void close() {
    daemon.close();
  }
}
