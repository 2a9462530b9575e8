package dev.shotclock.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The admin API's bearer tokens: {@code admin.token} (everything) and {@code admin.readonly.token}
 * (GET routes only), created at first start in the state directory with mode 0600 and kept across
 * restarts, so scripts and the CLI keep working.
 */
public final class AdminTokens {

  /** What a presented token allows. */
  public enum Access {
    NONE,
    READ_ONLY,
    FULL
  }

  public static final String TOKEN_FILE = "admin.token";
  public static final String READONLY_TOKEN_FILE = "admin.readonly.token";

  private final byte[] full;
  private final byte[] readOnly;

  private AdminTokens(String full, String readOnly) {
    this.full = full.getBytes(StandardCharsets.UTF_8);
    this.readOnly = readOnly.getBytes(StandardCharsets.UTF_8);
  }

  /** Reads the tokens of a state directory, creating them when missing. */
  public static AdminTokens loadOrCreate(Path stateDir) throws IOException {
    Files.createDirectories(stateDir);
    return new AdminTokens(readOrCreate(stateDir.resolve(TOKEN_FILE)),
        readOrCreate(stateDir.resolve(READONLY_TOKEN_FILE)));
  }

  /** Compares in constant time, so the token cannot be guessed byte by byte from timings. */
  public Access check(String presented) {
    if (presented == null) {
      return Access.NONE;
    }
    byte[] p = presented.getBytes(StandardCharsets.UTF_8);
    if (MessageDigest.isEqual(p, full)) {
      return Access.FULL;
    }
    return MessageDigest.isEqual(p, readOnly) ? Access.READ_ONLY : Access.NONE;
  }

  private static String readOrCreate(Path file) throws IOException {
    if (Files.exists(file)) {
      String token = Files.readString(file).trim();
      if (token.length() >= 32) {
        return token;
      }
    }
    byte[] raw = new byte[32];
    new SecureRandom().nextBytes(raw);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(tmp, token + "\n");
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return token;
  }
}
