package dev.shotclock.daemon;

import dev.shotclock.config.DaemonSettings;
import dev.shotclock.history.NodeRepository;
import dev.shotclock.history.RunRepository;
import dev.shotclock.history.StepRunRepository;
import dev.shotclock.history.WorkflowStateRepository;
import dev.shotclock.quartz.QuartzCron;
import dev.shotclock.watchdog.Check;
import dev.shotclock.watchdog.ClockSkewCheck;
import dev.shotclock.watchdog.DiskSpaceCheck;
import dev.shotclock.watchdog.HealthState;
import dev.shotclock.watchdog.LivenessCheck;
import dev.shotclock.watchdog.LostRunRepair;
import dev.shotclock.watchdog.StallRepair;
import dev.shotclock.watchdog.StoreCheck;
import dev.shotclock.watchdog.StoreOutage;
import dev.shotclock.watchdog.StoreSizeCheck;
import dev.shotclock.watchdog.Watchdog;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;

/** Assembles the watchdog's checks and repairs from the daemon's parts. */
final class WatchdogFactory {

  private final Daemon daemon;
  private final QuartzCron cron;
  private final MeterRegistry metrics;
  private final StoreOutage storeOutage;

  WatchdogFactory(Daemon daemon, QuartzCron cron, MeterRegistry metrics, StoreOutage storeOutage) {
    this.daemon = daemon;
    this.cron = cron;
    this.metrics = metrics;
    this.storeOutage = storeOutage;
  }

  Watchdog create() {
    DaemonSettings s = daemon.config().daemon();
    var clock = daemon.options().clock();
    var jdbc = daemon.jdbc();
    var w = s.watchdog();
    List<Check> checks = new java.util.ArrayList<>(List.of(
        new StoreCheck(new NodeRepository(jdbc), clock, s.nodeId(), daemon.instanceId(), Daemon.version()),
        new DiskSpaceCheck(diskPaths(s), w.minFreeBytes(), DiskSpaceCheck.fileStores(),
            daemon.engine().resources(), daemon.events()),
        new StoreSizeCheck(daemon.storeSize()::measure, new StoreSizeCheck.Limits(w.storeMaxBytes(),
            w.storeMaxShareOfFree(), w.minFreeBytes()), clock),
        new LivenessCheck(daemon.liveConfig(), new RunRepository(jdbc), new WorkflowStateRepository(jdbc),
            new dev.shotclock.history.SchedulerStateRepository(jdbc), cron, clock)));
    if (s.cluster().enabled()) {
      // A node's beat is written every watchdog interval: three missed beats and it is left out.
      checks.add(new ClockSkewCheck(new NodeRepository(jdbc), clock, s.nodeId(),
          s.cluster().maxClockSkew(), w.interval().multipliedBy(3)));
    }
    return new Watchdog(
        checks,
        List.of(
            new StallRepair(daemon.engine().runningSteps(), new StepRunRepository(jdbc), clock,
                w.stallTimeout(), metrics),
            new LostRunRepair(new RunRepository(jdbc), new StepRunRepository(jdbc), daemon.engine().active(),
                clock, s.nodeId(), Maintenance.INTERVAL.multipliedBy(4)),
            daemon.quartz().stuckTriggerRepair(jdbc)),
        new HealthState(w.downAfter(), w.upAfter()), daemon.events(), clock, w.interval(), metrics,
        daemon.alerts(), storeOutage);
  }

  private static List<java.nio.file.Path> diskPaths(DaemonSettings s) {
    List<java.nio.file.Path> paths = new java.util.ArrayList<>(List.of(s.stateDir(), s.logs().dir()));
    paths.addAll(s.watchdog().dataPaths());
    return paths;
  }
}
