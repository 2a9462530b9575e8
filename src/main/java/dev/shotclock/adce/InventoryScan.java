package dev.shotclock.adce;

import dev.shotclock.workflow.CancelToken;
import dev.shotclock.workflow.StepOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares a manifest with the files on disk: one {@code stat} per (item, source), contents never
 * read, nothing cached between scans (each try sees the disk as it is, which is what "a fresh
 * scan" means here). 100k items take one pass of 100k stats per source.
 */
final class InventoryScan {

  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
  private static final int CANCEL_CHECK_EVERY = 1000;

  /**
   * What a scan found.
   *
   * @param itemsExpected (item, source) pairs
   * @param itemsCollected pairs whose file exists with at least the source's {@code min_size}
   *     (stale files included: they are there, only old)
   * @param newestBySource the modification time of the newest file of each source name; absent
   *     for a source with no file at all
   * @param complete false when cancelled part way
   */
  record Result(long itemsExpected, long itemsCollected, List<Gap> gaps,
      Map<String, Instant> newestBySource, boolean complete) {}

  private final Clock clock;

  InventoryScan(Clock clock) {
    this.clock = clock;
  }

  /**
   * @param currentYear the first year of the current season
   * @throws UncheckedIOException when a file cannot be looked at (permissions, I/O error): treating
   *     it as missing would queue a task per unreadable file
   */
  Result scan(Manifest manifest, List<InventorySource> sources, Path cwd, int currentYear,
      CancelToken cancel, StepOutput output) {
    Instant now = clock.instant();
    Map<String, Integer> seasonYears = new HashMap<>();
    Map<String, Instant> newest = new LinkedHashMap<>();
    List<Gap> gaps = new ArrayList<>();
    long expected = (long) manifest.items().size() * sources.size();
    long scanned = 0;
    long collected = 0;
    Instant lastProgress = now;
    for (InventorySource source : sources) {
      Instant staleBefore = source.freshness() == null ? null : now.minus(source.freshness());
      for (Manifest.Item item : manifest.items()) {
        if (++scanned % CANCEL_CHECK_EVERY == 0) {
          if (cancel.isCancelled()) {
            return new Result(expected, collected, gaps, newest, false);
          }
          if (!clock.instant().isBefore(lastProgress.plus(PROGRESS_EVERY))) {
            lastProgress = clock.instant();
            progress(output, "scanned " + scanned + " of " + expected + " files, " + gaps.size()
                + " gaps so far");
          }
        }
        int seasonYear = seasonYears.computeIfAbsent(item.season(), Seasons::firstYear);
        Path file = cwd.resolve(source.path().render(item.values()));
        BasicFileAttributes attrs = stat(file);
        Gap.Kind kind;
        if (attrs == null || !attrs.isRegularFile()) {
          kind = Gap.Kind.MISSING;
        } else {
          Instant modified = attrs.lastModifiedTime().toInstant();
          newest.merge(source.name(), modified, (a, b) -> a.isAfter(b) ? a : b);
          if (attrs.size() < source.minSize()) {
            kind = Gap.Kind.TOO_SMALL;
          } else {
            collected++;
            boolean stale = staleBefore != null && Seasons.canBeStale(seasonYear, currentYear)
                && modified.isBefore(staleBefore);
            if (!stale) {
              continue;
            }
            kind = Gap.Kind.STALE;
          }
        }
        gaps.add(new Gap(source, item, file, kind, Seasons.priority(seasonYear, currentYear, kind)));
      }
    }
    return new Result(expected, collected, gaps, newest, true);
  }

  /** The file's attributes; null when it (or a directory above it) does not exist. */
  private static BasicFileAttributes stat(Path file) {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException | NotDirectoryException e) {
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot look at " + file + ": " + e, e);
    }
  }

  /** A line in the run log that also tells the stall detector the scan is moving. */
  static void progress(StepOutput output, String text) {
    byte[] line = (text + "\n").getBytes(StandardCharsets.UTF_8);
    output.write(line, 0, line.length);
  }
}
