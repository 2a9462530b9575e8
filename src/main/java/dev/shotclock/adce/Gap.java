package dev.shotclock.adce;

import dev.shotclock.queue.Priority;
import java.nio.file.Path;

/** One expected file that is not there as it should be. */
record Gap(InventorySource source, Manifest.Item item, Path file, Kind kind, Priority priority) {

  /** What is wrong with the file. */
  enum Kind {
    MISSING,
    TOO_SMALL,
    STALE
  }
}
