package dev.shotclock.queue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shotclock.db.Jdbc;
import dev.shotclock.db.Row;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;

/** How a {@link Task} is read from {@code sc_tasks}, and the encodings of its columns. */
final class TaskRows {

  /** Every column of a {@link Task}, for {@code SELECT COLUMNS FROM sc_tasks}. */
  static final String COLUMNS = "id, dedupe_key, source, operation, params, priority, state,"
      + " attempt, max_attempts, not_before, rank_at, created_at, started_at, finished_at,"
      + " last_error, origin, correlation_id, claimed_by, run_id, exit_code";

  /** {@code last_error} holds at most this many UTF-8 bytes. */
  static final int MAX_ERROR_BYTES = 4096;

  static final Jdbc.Mapper<Task> MAPPER = TaskRows::map;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<TreeMap<String, String>> STRING_MAP = new TypeReference<>() {};
  private static final String TRUNCATED = " …[truncated]";

  private TaskRows() {}

  private static Task map(Row r) throws SQLException {
    return new Task(
        r.longValue("id"),
        r.string("dedupe_key"),
        r.string("source"),
        r.string("operation"),
        paramsFromJson(r.string("params")),
        Priority.ofLevel(r.intValue("priority")),
        r.enumValue("state", TaskState.class),
        r.intValue("attempt"),
        r.intValue("max_attempts"),
        r.instant("not_before"),
        r.instant("rank_at"),
        r.instant("created_at"),
        r.instant("started_at"),
        r.instant("finished_at"),
        r.string("last_error"),
        r.enumValue("origin", TaskOrigin.class),
        r.string("correlation_id"),
        r.string("claimed_by"),
        r.nullableLong("run_id"),
        r.nullableInt("exit_code"));
  }

  /** Params as a JSON object of strings, keys sorted, so equal maps give equal text. */
  static String paramsToJson(Map<String, String> params) {
    try {
      return JSON.writeValueAsString(new TreeMap<>(params));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write task params as JSON. Indicates a bug.", e);
    }
  }

  static Map<String, String> paramsFromJson(String json) {
    try {
      return JSON.readValue(json, STRING_MAP);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "sc_tasks.params is not a JSON object of strings: " + json, e);
    }
  }

  /** The error text cut to {@link #MAX_ERROR_BYTES} UTF-8 bytes, marked when cut; null stays. */
  static String capError(String error) {
    if (error == null || error.getBytes(StandardCharsets.UTF_8).length <= MAX_ERROR_BYTES) {
      return error;
    }
    int budget = MAX_ERROR_BYTES - TRUNCATED.getBytes(StandardCharsets.UTF_8).length;
    StringBuilder out = new StringBuilder();
    int used = 0;
    for (int i = 0; i < error.length(); ) {
      int cp = error.codePointAt(i);
      int bytes = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      if (used + bytes > budget) {
        break;
      }
      out.appendCodePoint(cp);
      used += bytes;
      i += Character.charCount(cp);
    }
    return out.append(TRUNCATED).toString();
  }
}
