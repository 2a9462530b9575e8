package dev.shotclock.watchdog;

import dev.shotclock.db.StoreSize;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import dev.shotclock.config.Sizes;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The store stays small next to the disk it lives on. DEGRADED when the store is above {@code
 * store_max_size}, or (H2) when its file is more than {@code store_max_share_of_free} of the space
 * still free on its disk above {@code min_free}. Measured against that headroom, not the whole
 * free space, this warning comes before the disk check's (which trips at {@code min_free}), with
 * the file named, while there is still room to act. Each detail also says how fast the store
 * grew over the last hour.
 */
public final class StoreSizeCheck implements Check {

  /** Growth is reported over this window, once a sample at least {@link #MIN_SPAN} old exists. */
  private static final Duration WINDOW = Duration.ofHours(1);
  private static final Duration MIN_SPAN = Duration.ofMinutes(5);

  /**
   * @param maxBytes the store's size above which it is DEGRADED
   * @param maxShareOfFree the share (0 to 1] of the free space above {@code minFreeBytes} the file
   *     may take
   * @param minFreeBytes the disk check's threshold ({@code watchdog.min_free})
   */
  public record Limits(long maxBytes, double maxShareOfFree, long minFreeBytes) {}

  private record Sample(Instant at, long bytes) {}

  private final Supplier<StoreSize.Measurement> store;
  private final Limits limits;
  private final Clock clock;
  private final Deque<Sample> samples = new ArrayDeque<>();

  /** @param store measures the store afresh (throws when it cannot) */
  public StoreSizeCheck(Supplier<StoreSize.Measurement> store, Limits limits, Clock clock) {
    this.store = store;
    this.limits = limits;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "store_size";
  }

  @Override
  public CheckResult runOnce() {
    StoreSize.Measurement m;
    try {
      m = store.get();
    } catch (RuntimeException e) {
      // The store check reports an unreachable store; a size that cannot be read is no finding.
      return CheckResult.up("not measured: " + e.getMessage());
    }
    String growth = growth(m.sizeBytes());
    String what = m.file() != null ? "store file " + m.file() : "store (ShotClock and Quartz tables)";
    String problem = problem(m);
    if (problem != null) {
      return CheckResult.degraded(what + " is " + Sizes.human(m.sizeBytes()) + problem + disk(m) + growth
          + "; it should stay small: see docs/configuration.md, \"The store\"");
    }
    return CheckResult.up(what + " " + Sizes.human(m.sizeBytes()) + live(m) + disk(m) + growth);
  }

  /** Why the size is too much, or null. */
  private String problem(StoreSize.Measurement m) {
    if (m.sizeBytes() > limits.maxBytes()) {
      return ", above watchdog.store_max_size " + Sizes.human(limits.maxBytes());
    }
    if (m.diskFreeBytes() == null) {
      return null;
    }
    long headroom = Math.max(0, m.diskFreeBytes() - limits.minFreeBytes());
    if (m.sizeBytes() > limits.maxShareOfFree() * headroom) {
      return ", more than watchdog.store_max_share_of_free " + percent(limits.maxShareOfFree())
          + " of the " + Sizes.human(headroom) + " left on its disk before watchdog.min_free "
          + Sizes.human(limits.minFreeBytes()) + " is reached";
    }
    return null;
  }

  /** Records the size; says how fast it changed over the window, once it spans enough time. */
  private String growth(long bytes) {
    Instant now = clock.instant();
    samples.addLast(new Sample(now, bytes));
    while (samples.size() > 2 && samples.peekFirst().at().isBefore(now.minus(WINDOW))) {
      samples.removeFirst();
    }
    Sample first = samples.peekFirst();
    Duration span = Duration.between(first.at(), now);
    if (span.compareTo(MIN_SPAN) < 0) {
      return "";
    }
    double perHour = (bytes - first.bytes()) * 3600.0 / span.toSeconds();
    return String.format(Locale.ROOT, "; %s%s per hour over the last %d min", perHour < 0 ? "-" : "+",
        Sizes.human((long) Math.abs(perHour)), span.toMinutes());
  }

  private static String live(StoreSize.Measurement m) {
    return m.liveBytes() == null ? "" : " (live data about " + Sizes.human(m.liveBytes()) + ")";
  }

  private static String disk(StoreSize.Measurement m) {
    return m.diskFreeBytes() == null ? "" : "; " + Sizes.human(m.diskFreeBytes()) + " free on its disk";
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, "%.0f%%", share * 100);
  }


}
