package dev.shotclock.watchdog;

import dev.shotclock.history.EventLog;
import dev.shotclock.workflow.ResourceHold;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Free space on the state, log and data directories stays above {@code min_free}. Below it, data
 * collection is held back at once (no hysteresis: filling the disk further is what must not
 * happen): data-collection workflows' slots are recorded SKIPPED_RESOURCE and the dispatcher
 * claims nothing, until the space is back. The health component follows with its hysteresis, and
 * its change is what operators are alerted about.
 */
public final class DiskSpaceCheck implements Check {

  private static final Logger LOG = LoggerFactory.getLogger(DiskSpaceCheck.class);

  /** Measures free bytes; a seam so tests can fill a disk without filling a disk. */
  public interface FreeSpace {
    long usableBytes(Path existingPath) throws IOException;
  }

  private final List<Path> paths;
  private final long minFreeBytes;
  private final FreeSpace freeSpace;
  private final ResourceHold hold;
  private final EventLog events;

  public DiskSpaceCheck(List<Path> paths, long minFreeBytes, FreeSpace freeSpace, ResourceHold hold,
      EventLog events) {
    this.paths = List.copyOf(paths);
    this.minFreeBytes = minFreeBytes;
    this.freeSpace = freeSpace;
    this.hold = hold;
    this.events = events;
  }

  public static FreeSpace fileStores() {
    return p -> Files.getFileStore(p).getUsableSpace();
  }

  @Override
  public String name() {
    return "disk";
  }

  @Override
  public CheckResult runOnce() {
    List<String> low = new ArrayList<>();
    for (Path p : paths) {
      try {
        long free = freeSpace.usableBytes(existing(p));
        if (free < minFreeBytes) {
          low.add(p + " has " + mib(free) + " MiB free, below watchdog.min_free " + mib(minFreeBytes) + " MiB");
        }
      } catch (IOException e) {
        low.add(p + ": cannot read free space: " + e.getMessage());
      }
    }
    if (low.isEmpty()) {
      release();
      return CheckResult.up("enough free space");
    }
    String reason = String.join("; ", low);
    hold(reason);
    return CheckResult.degraded(reason + "; data collection held back");
  }

  private void hold(String reason) {
    if (hold.hold("disk low: " + reason)) {
      LOG.warn("disk low: {}; data-collection workflows and the dispatcher are held back", reason);
      events.warn("RESOURCE", null, null, "disk low: " + reason
          + "; collects_data workflows are skipped (SKIPPED_RESOURCE) and no task is dispatched");
    }
  }

  private void release() {
    if (hold.release()) {
      LOG.info("disk space back above watchdog.min_free; data collection resumes");
      events.info("RESOURCE", null, null, "disk space back above watchdog.min_free; data collection resumes");
    }
  }

  private static Path existing(Path p) {
    Path q = p.toAbsolutePath();
    while (q != null && !Files.exists(q)) {
      q = q.getParent();
    }
    return q == null ? Path.of("/") : q;
  }

  private static long mib(long bytes) {
    return bytes >> 20;
  }
}
