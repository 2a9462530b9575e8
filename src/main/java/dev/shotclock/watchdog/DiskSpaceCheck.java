package dev.shotclock.watchdog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Free space on the state and log directories stays above {@code min_free}. */
public final class DiskSpaceCheck implements Check {

  private final List<Path> paths;
  private final long minFreeBytes;

  public DiskSpaceCheck(List<Path> paths, long minFreeBytes) {
    this.paths = List.copyOf(paths);
    this.minFreeBytes = minFreeBytes;
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
        long free = Files.getFileStore(existing(p)).getUsableSpace();
        if (free < minFreeBytes) {
          low.add(p + " has " + mib(free) + " MiB free, below watchdog.min_free " + mib(minFreeBytes) + " MiB");
        }
      } catch (IOException e) {
        low.add(p + ": cannot read free space: " + e.getMessage());
      }
    }
    return low.isEmpty() ? CheckResult.up("enough free space") : CheckResult.degraded(String.join("; ", low));
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
