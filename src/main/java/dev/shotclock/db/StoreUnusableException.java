package dev.shotclock.db;

import java.nio.file.Path;

/**
 * The store exists but this build must not use it: damaged, written by another H2 file format, or
 * by a newer ShotClock. The message is one paragraph for the operator: which file, that it was
 * left unchanged, and what to do. {@code shotclockd} prints it without a stack trace and exits 1.
 */
public final class StoreUnusableException extends DbException {

  private static final String UNCHANGED = " ShotClock has not changed it.";

  private StoreUnusableException(String message) {
    super(message);
  }

  /** H2 cannot read the file (garbage, a damaged or missing chunk). */
  static StoreUnusableException damaged(Path file, String h2Says) {
    return new StoreUnusableException("the store file " + file + " is damaged and cannot be read (H2: "
        + h2Says + ")." + UNCHANGED + restoreOrMoveAside(file));
  }

  /**
   * The file has no database H2 can read, so H2 would create a new, empty one over it: what is
   * left of a file cut short to its headers.
   */
  static StoreUnusableException noDatabase(Path file, long bytes) {
    return new StoreUnusableException("the store file " + file + " (" + bytes + " bytes) holds no"
        + " database H2 can read: it looks truncated or overwritten, and opening it as it is would"
        + " silently start an empty store over it." + UNCHANGED + restoreOrMoveAside(file));
  }

  /** Written by an H2 of another file format: a newer engine, or an old 1.4/2.0-era one. */
  static StoreUnusableException otherFormat(Path file, boolean newer, String h2Says) {
    String what = newer
        ? " was written by a newer H2 database engine than this ShotClock's, so by a newer ShotClock"
            + " (H2: " + h2Says + ")." + UNCHANGED + " Upgrade ShotClock to the version that wrote"
            + " it, or restore a backup taken with this version to " + file + "."
        : " was written by an older H2 database engine whose file format this ShotClock cannot read"
            + " (H2: " + h2Says + ")." + UNCHANGED + " Run the ShotClock version that wrote it, or"
            + " export it with that version's H2 (SCRIPT) and import it with this one's (RUNSCRIPT);"
            + restoreOrMoveAside(file).replaceFirst("^ Restore", " or restore");
    return new StoreUnusableException("the store file " + file + what);
  }

  /** The schema was migrated by a newer ShotClock than this one. */
  static StoreUnusableException newerSchema(String store, int found, int known) {
    return new StoreUnusableException(store + " has schema version " + found + " (table"
        + " sc_schema_version), but this ShotClock knows versions up to " + known + ": it was last"
        + " used by a newer ShotClock, whose data this one could misread or damage." + UNCHANGED
        + " Upgrade ShotClock to that version or a later one, or restore a backup taken with this"
        + " version.");
  }

  private static String restoreOrMoveAside(Path file) {
    return " Restore it from a backup (stop the daemon, copy the backup to " + file + ", start it"
        + " again), or move it aside to start with an empty store (run history, task queue and"
        + " pause states are then gone; workflows come back from conf/): mv " + file + " " + file
        + ".broken";
  }
}
