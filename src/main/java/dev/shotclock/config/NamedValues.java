package dev.shotclock.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Binds {@code params} and {@code env}: names to scalar values, numbers and booleans as written.
 */
final class NamedValues {

  /** Environment variable names and parameter names alike. */
  static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private NamedValues() {}

  static Map<String, String> bind(Value v) {
    Map<String, String> bound = new LinkedHashMap<>();
    v.entries()
        .forEach(
            (name, value) -> {
              if (!NAME.matcher(name).matches()) {
                value.problem(
                    "invalid name '"
                        + name
                        + "': use letters, digits and _, not starting with a digit");
              } else if (!value.isPresent()) {
                value.problem("needs a value (write \"\" for an empty one)");
              } else {
                value.string().ifPresent(s -> bound.put(name, s));
              }
            });
    return bound;
  }
}
