package dev.shotclock.workflow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a KEY=VALUE environment file the way systemd's EnvironmentFile= and docker's --env-file
 * do: blank lines and {@code #} comments skipped, an optional {@code export } prefix, values in
 * single quotes taken literally, in double quotes with {@code \"} and {@code \\} escapes. Nothing
 * is expanded: {@code $HOME} stays {@code $HOME}.
 */
public final class EnvFile {

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private EnvFile() {}

  /** @throws IOException naming file and line for a line that is not KEY=VALUE */
  public static Map<String, String> read(Path file) throws IOException {
    Map<String, String> env = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("export ")) {
        line = line.substring("export ".length()).stripLeading();
      }
      int eq = line.indexOf('=');
      String name = eq < 0 ? line : line.substring(0, eq).strip();
      if (eq < 0 || !NAME.matcher(name).matches()) {
        throw new IOException(file + ":" + (i + 1) + ": expected KEY=VALUE, got '" + lines.get(i).strip() + "'");
      }
      env.put(name, value(line.substring(eq + 1).strip(), file, i + 1));
    }
    return env;
  }

  private static String value(String raw, Path file, int line) throws IOException {
    if (raw.length() >= 2 && raw.startsWith("'") && raw.endsWith("'")) {
      return raw.substring(1, raw.length() - 1);
    }
    if (raw.startsWith("\"")) {
      if (raw.length() < 2 || !raw.endsWith("\"")) {
        throw new IOException(file + ":" + line + ": unterminated double-quoted value");
      }
      return unescape(raw.substring(1, raw.length() - 1));
    }
    int comment = raw.indexOf(" #");
    return comment >= 0 ? raw.substring(0, comment).stripTrailing() : raw;
  }

  private static String unescape(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        sb.append(n == 'n' ? '\n' : n);
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
