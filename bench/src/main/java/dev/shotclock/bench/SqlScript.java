package dev.shotclock.bench;

import java.util.ArrayList;
import java.util.List;

/** Splits a plain DDL script (no procedures, no semicolons in strings) into statements. */
final class SqlScript {

  private SqlScript() {}

  static List<String> statements(String script) {
    StringBuilder clean = new StringBuilder();
    for (String line : script.split("\n")) {
      String t = line.strip();
      if (!t.startsWith("--")) {
        clean.append(line).append('\n');
      }
    }
    List<String> out = new ArrayList<>();
    for (String s : clean.toString().split(";")) {
      if (!s.isBlank()) {
        out.add(s.strip());
      }
    }
    return out;
  }
}
