package dev.shotclock.queue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Imports a gaps file in the original pipeline's {@code inventory/gaps.json} schema: a {@code
 * tasks} array whose items have {@code source}, {@code data_type}, {@code priority}
 * (CRITICAL/HIGH/MEDIUM/LOW) and optionally {@code season}, {@code game_id}, {@code gap_type},
 * {@code scraper}; their other fields (ids renumbered per generation, estimates, counts, reason,
 * status) are ignored. Each item becomes a RECONCILIATION task whose operation is the data type,
 * whose params are those fields, and whose dedupe key is {@code gap:<source>:<data_type>} plus
 * {@code :season=<season>} and {@code :game=<game_id>} when given, so importing the same file
 * twice yields the same task set. All items are enqueued in one transaction.
 */
public final class GapsImport {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final TaskQueue queue;

  public GapsImport(TaskQueue queue) {
    this.queue = queue;
  }

  /**
   * Reads, validates and enqueues a gaps file.
   *
   * @throws GapsImportException naming the file and the JSON path of each problem
   * @throws QueueFullException when the queue has no room for its new tasks
   */
  public List<EnqueueResult> importFile(Path file) {
    return queue.enqueueAll(parse(file));
  }

  /** The tasks a gaps file asks for, in file order. */
  public static List<NewTask> parse(Path file) {
    String name = file.toString();
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(file));
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr()
          + ", column " + e.getLocation().getColumnNr() + ": ";
      throw new GapsImportException(name, where + "not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new GapsImportException(name, "cannot read: " + e, e);
    }
    return parse(name, root);
  }

  /** The tasks of a gaps document already parsed as JSON; {@code file} names it in messages. */
  public static List<NewTask> parse(String file, JsonNode root) {
    List<String> problems = new ArrayList<>();
    List<NewTask> out = new ArrayList<>();
    JsonNode tasks = root == null ? null : root.get("tasks");
    if (root == null || !root.isObject()) {
      problems.add("$: must be a JSON object with a 'tasks' array");
    } else if (tasks == null || !tasks.isArray()) {
      problems.add("tasks: missing or not an array");
    } else {
      for (int i = 0; i < tasks.size(); i++) {
        NewTask task = task(tasks.get(i), "tasks[" + i + "]", problems);
        if (task != null) {
          out.add(task);
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new GapsImportException(file, problems);
    }
    return out;
  }

  private static NewTask task(JsonNode item, String path, List<String> problems) {
    if (!item.isObject()) {
      problems.add(path + ": must be an object");
      return null;
    }
    int before = problems.size();
    String source = text(item, path, "source", true, problems);
    String dataType = text(item, path, "data_type", true, problems);
    String priorityText = text(item, path, "priority", true, problems);
    String season = text(item, path, "season", false, problems);
    String gameId = text(item, path, "game_id", false, problems);
    String gapType = text(item, path, "gap_type", false, problems);
    String scraper = text(item, path, "scraper", false, problems);
    Priority priority = null;
    if (priorityText != null) {
      try {
        priority = Priority.parse(priorityText);
      } catch (IllegalArgumentException e) {
        problems.add(path + ".priority: " + e.getMessage());
      }
    }
    if (problems.size() > before) {
      return null;
    }
    source = source.toLowerCase(Locale.ROOT);
    dataType = dataType.toLowerCase(Locale.ROOT);
    String key = "gap:" + source + ":" + dataType + (season == null ? "" : ":season=" + season)
        + (gameId == null ? "" : ":game=" + gameId);
    Map<String, String> params = new LinkedHashMap<>();
    params.put("data_type", dataType);
    putIfPresent(params, "season", season);
    putIfPresent(params, "game_id", gameId);
    putIfPresent(params, "gap_type", gapType);
    putIfPresent(params, "scraper", scraper);
    try {
      return NewTask.of(source, key).withOperation(dataType).withParams(params)
          .withPriority(priority).withOrigin(TaskOrigin.RECONCILIATION);
    } catch (IllegalArgumentException e) {
      problems.add(path + ": " + e.getMessage());
      return null;
    }
  }

  /** A string or number field as trimmed text; null when absent or null (a problem if required). */
  private static String text(JsonNode item, String path, String field, boolean required,
      List<String> problems) {
    JsonNode v = item.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        problems.add(path + "." + field + ": missing");
      }
      return null;
    }
    if (!v.isTextual() && !v.isIntegralNumber()) {
      problems.add(path + "." + field + ": must be a string, not " + v.getNodeType().name()
          .toLowerCase(Locale.ROOT));
      return null;
    }
    String s = v.asText().trim();
    if (s.isEmpty()) {
      if (required) {
        problems.add(path + "." + field + ": must not be blank");
      }
      return null;
    }
    return s;
  }

  private static void putIfPresent(Map<String, String> params, String name, String value) {
    if (value != null) {
      params.put(name, value);
    }
  }
}
