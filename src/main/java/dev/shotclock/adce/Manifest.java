package dev.shotclock.adce;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The expected inventory: one item per row, its values by column. Every manifest has a {@code
 * season} column (priorities depend on it); the other columns are free ({@code game_id}, {@code
 * data_type}, ...) and all of them become the parameters of the item's tasks.
 *
 * @param columns in the order the file writes them: the order of the values in task keys
 */
record Manifest(Path file, List<String> columns, List<Item> items) {

  static final String SEASON = "season";

  Manifest {
    columns = List.copyOf(columns);
    items = List.copyOf(items);
  }

  /** One expected item; {@code line} is where the file writes it, for messages. */
  record Item(int line, Map<String, String> values) {

    String season() {
      return values.get(SEASON);
    }
  }
}
