package dev.shotclock.adce;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.shotclock.config.PathTemplate;
import dev.shotclock.config.StepAction;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a manifest: CSV with a header line, or JSON (an array of objects, or an object whose
 * {@code items} is one). The first problem stops the read with the file and line: a manifest
 * read only in part would make every item it lost look collected.
 *
 * <p>Values end up in file paths (through the path templates) and in task parameters, so a value
 * may not be empty, contain a path separator or a control character, or be {@code .} or {@code
 * ..}: a manifest must not make the step look, or a collector write, outside its data directory.
 */
final class ManifestReader {

  private static final JsonFactory JSON = new JsonFactory();

  private ManifestReader() {}

  /**
   * @throws ManifestException naming the file and the line of the problem
   */
  static Manifest read(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    try {
      return name.endsWith(".json") ? json(file) : csv(file);
    } catch (NoSuchFileException e) {
      throw new ManifestException(file, 0, "no such manifest file");
    } catch (IOException e) {
      throw new ManifestException(file, "cannot read: " + e, e);
    }
  }

  private static Manifest csv(Path file) throws IOException {
    List<String> columns = null;
    List<Manifest.Item> items = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      int lineNo = 0;
      for (String line; (line = in.readLine()) != null; ) {
        lineNo++;
        if (lineNo == 1 && line.startsWith("\uFEFF")) {
          line = line.substring(1);
        }
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        List<String> fields = fields(line, file, lineNo);
        if (columns == null) {
          columns = header(fields, file, lineNo);
          continue;
        }
        if (fields.size() != columns.size()) {
          throw new ManifestException(file, lineNo, "expected " + columns.size() + " fields ("
              + String.join(", ", columns) + "), found " + fields.size());
        }
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < fields.size(); i++) {
          values.put(columns.get(i), value(columns.get(i), fields.get(i).trim(), file, lineNo));
        }
        items.add(new Manifest.Item(lineNo, Map.copyOf(values)));
      }
    }
    if (columns == null) {
      throw new ManifestException(file, 0, "empty: the first line must be a header such as"
          + " season,game_id");
    }
    return new Manifest(file, columns, items);
  }

  /** One CSV line: fields split on commas; a field in double quotes may hold commas and "". */
  private static List<String> fields(String line, Path file, int lineNo) {
    List<String> out = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    int i = 0;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"' && field.toString().isBlank()) {
        quoted = true;
        field.setLength(0);
      } else if (c == ',') {
        out.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
      i++;
    }
    if (quoted) {
      throw new ManifestException(file, lineNo, "unclosed double quote (a value cannot span lines)");
    }
    out.add(field.toString());
    return out;
  }

  private static List<String> header(List<String> fields, Path file, int lineNo) {
    Set<String> columns = new LinkedHashSet<>();
    for (String f : fields) {
      String c = f.trim();
      if (!PathTemplate.NAME.matcher(c).matches()) {
        throw new ManifestException(file, lineNo, "column '" + c + "' in the header: a column name"
            + " is letters, digits and _, not starting with a digit (it becomes a task parameter)");
      }
      if (!columns.add(c)) {
        throw new ManifestException(file, lineNo, "column '" + c + "' appears twice in the header");
      }
    }
    if (!columns.contains(Manifest.SEASON)) {
      throw new ManifestException(file, lineNo, "the header has no '" + Manifest.SEASON
          + "' column (found " + String.join(", ", columns) + ")");
    }
    return List.copyOf(columns);
  }

  private static String value(String column, String v, Path file, int lineNo) {
    String problem = null;
    if (v.isEmpty()) {
      problem = "is empty";
    } else if (v.equals(".") || v.equals("..") || v.indexOf('/') >= 0 || v.indexOf('\\') >= 0) {
      problem = "'" + v + "' is a path, not a value ('/', '\\', '.' and '..' are not allowed)";
    } else if (v.chars().anyMatch(Character::isISOControl)) {
      problem = "contains a control character";
    } else if (v.length() > 200) {
      problem = "is longer than 200 characters";
    } else if (column.equals(Manifest.SEASON) && !StepAction.Reconcile.SEASON.matcher(v).matches()) {
      problem = "'" + v + "' is not a season: write 2025, 2025-26 or 2025-2026";
    }
    if (problem != null) {
      throw new ManifestException(file, lineNo, column + " " + problem);
    }
    return v;
  }

  private static Manifest json(Path file) throws IOException {
    try (JsonParser p = JSON.createParser(file.toFile())) {
      JsonToken first = p.nextToken();
      if (first == JsonToken.START_OBJECT) {
        if (!seekItems(p)) {
          throw new ManifestException(file, line(p), "a JSON manifest is an array of objects, or"
              + " an object with an 'items' array");
        }
      } else if (first != JsonToken.START_ARRAY) {
        throw new ManifestException(file, line(p), "a JSON manifest is an array of objects, or an"
            + " object with an 'items' array");
      }
      return jsonItems(p, file);
    } catch (JsonParseException e) {
      throw new ManifestException(file, e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
          "not valid JSON: " + e.getOriginalMessage());
    }
  }

  /** Moves to the start of the top-level {@code items} array; false when there is none. */
  private static boolean seekItems(JsonParser p) throws IOException {
    for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      if (field.equals("items")) {
        return value == JsonToken.START_ARRAY;
      }
      p.skipChildren();
    }
    return false;
  }

  private static Manifest jsonItems(JsonParser p, Path file) throws IOException {
    List<String> columns = null;
    List<Manifest.Item> items = new ArrayList<>();
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      int lineNo = line(p);
      if (t != JsonToken.START_OBJECT) {
        throw new ManifestException(file, lineNo, "items[" + items.size() + "] must be an object");
      }
      Map<String, String> values = new HashMap<>();
      List<String> keys = new ArrayList<>();
      for (JsonToken f = p.nextToken(); f == JsonToken.FIELD_NAME; f = p.nextToken()) {
        String key = p.currentName();
        JsonToken v = p.nextToken();
        if (v != JsonToken.VALUE_STRING && v != JsonToken.VALUE_NUMBER_INT) {
          throw new ManifestException(file, line(p), "items[" + items.size() + "]." + key
              + " must be a string or a whole number");
        }
        keys.add(key);
        values.put(key, p.getText().trim());
      }
      if (columns == null) {
        columns = header(keys, file, lineNo);
      } else if (!new LinkedHashSet<>(keys).equals(new LinkedHashSet<>(columns))) {
        throw new ManifestException(file, lineNo, "items[" + items.size() + "] has the fields "
            + keys + ", but the first item has " + columns + "; every item needs the same fields");
      }
      for (String c : columns) {
        values.put(c, value(c, values.get(c), file, lineNo));
      }
      items.add(new Manifest.Item(lineNo, Map.copyOf(values)));
    }
    // No items: nothing expected, and no columns to check the path templates against.
    return new Manifest(file, columns == null ? List.of() : columns, items);
  }

  private static int line(JsonParser p) {
    return p.currentTokenLocation().getLineNr();
  }
}
