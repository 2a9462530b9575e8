package dev.shotclock.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The machine's name, the default {@code node_id}, found without DNS (which may hang). */
public final class HostName {

  private HostName() {}

  public static String of(Map<String, String> env) {
    String fromEnv = env.get("HOSTNAME");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv.trim();
    }
    try {
      String etc = Files.readString(Path.of("/etc/hostname")).trim();
      return etc.isEmpty() ? "localhost" : etc;
    } catch (IOException e) {
      return "localhost";
    }
  }
}
