package dev.shotclock.adce;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Writes a try's JSON result, which the step's success predicate reads. */
final class ResultFile {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ResultFile() {}

  /**
   * @return null when written, else why not (the outcome stands; only the predicate, if any,
   *     will miss it)
   */
  static String write(Path file, Map<String, Object> result) {
    try {
      JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), result);
      return null;
    } catch (IOException e) {
      return "cannot write the result file " + file + ": " + e.getMessage();
    }
  }
}
