package dev.shotclock.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;

/**
 * Refuses configuration files anyone else could have written: the daemon runs what they say, so a
 * world-writable file, or one owned by a user other than the daemon's own (or root), is a way in.
 */
final class FileSafety {

  private final String daemonUser;

  FileSafety(String daemonUser) {
    this.daemonUser = daemonUser;
  }

  /** Records a problem when the file is unsafe; says nothing on file systems without POSIX modes. */
  void check(Path file, Problems problems) {
    PosixFileAttributes attrs;
    try {
      attrs = Files.readAttributes(file, PosixFileAttributes.class);
    } catch (UnsupportedOperationException | IOException e) {
      return;
    }
    if (attrs.permissions().contains(PosixFilePermission.OTHERS_WRITE)) {
      problems.add(file, 0, "", "refused: the file is world-writable (chmod o-w " + file.getFileName() + ")");
    }
    String owner = attrs.owner().getName();
    if (!owner.equals(daemonUser) && !owner.equals("root")) {
      problems.add(file, 0, "", "refused: the file is owned by " + owner + ", not by " + daemonUser
          + " (the daemon's user) or root");
    }
  }
}
