package dev.shotclock.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the daemon's state directory (where {@code admin.port} and {@code admin.token} live) from
 * a config directory, reading only {@code state_dir} of {@code shotclock.yaml}: the CLI must reach
 * the daemon even while the rest of the configuration is being edited and is invalid.
 */
final class StateDirectory {

  private static final Pattern VAR = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

  private StateDirectory() {}

  static Path of(Path configDir, Map<String, String> env) {
    Path file = configDir.resolve("shotclock.yaml");
    String stateDir = null;
    if (Files.isRegularFile(file)) {
      try {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        JsonNode v = root == null ? null : root.get("state_dir");
        stateDir = v == null || v.isNull() ? null : substitute(v.asText(), env);
      } catch (IOException e) {
        throw new CliException(ExitCodes.USAGE, "cannot read " + file + ": " + e.getMessage());
      }
    }
    Path dir = stateDir == null ? configDir.resolve("../var") : configDir.resolve(stateDir);
    return dir.toAbsolutePath().normalize();
  }

  private static String substitute(String value, Map<String, String> env) {
    Matcher m = VAR.matcher(value);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String v = env.get(m.group(1));
      if (v == null) {
        v = m.group(2) != null ? m.group(2) : "";
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(v));
    }
    m.appendTail(sb);
    return sb.toString();
  }
}
