package dev.shotclock.config;

import dev.shotclock.config.Node.ListNode;
import dev.shotclock.config.Node.MapNode;
import dev.shotclock.config.Node.ScalarNode;
import dev.shotclock.config.Node.ScalarNode.Kind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One value of a YAML file at a field path, possibly absent, with conversions to the types of the
 * model. A conversion that fails records a problem (file, line, path) and yields empty, so a binder
 * goes on with the default and finds the next problem too: that is how every problem of a file is
 * reported at once. An explicit {@code null} (or {@code key:} with nothing) counts as absent.
 */
final class Value {

  private static final Set<String> TRUE_WORDS = Set.of("true", "yes", "on");
  private static final Pattern PERCENT = Pattern.compile("[0-9]+(\\.[0-9]+)?");

  private final Path file;
  private final Problems problems;
  private final String path;
  private final int line;
  private final Node node;

  private Value(Path file, Problems problems, String path, int line, Node node) {
    this.file = file;
    this.problems = problems;
    this.path = path;
    this.line = line;
    this.node = node;
  }

  /** The whole file; {@code root} null when the file does not exist. */
  static Value root(Path file, Node root, Problems problems) {
    return new Value(file, problems, "", root == null ? 0 : root.line(), root);
  }

  /**
   * A member of a mapping, located at its key's line; {@code node} null when the key is missing.
   */
  Value member(String key, int keyLine, Node member) {
    return new Value(file, problems, FieldPath.key(path, key), keyLine, member);
  }

  Path file() {
    return file;
  }

  String path() {
    return path;
  }

  int line() {
    return line;
  }

  Problems problems() {
    return problems;
  }

  boolean isPresent() {
    return node != null && !(node instanceof ScalarNode s && s.kind() == Kind.NULL);
  }

  boolean isMap() {
    return node instanceof MapNode;
  }

  boolean isList() {
    return node instanceof ListNode;
  }

  boolean isScalar() {
    return isPresent() && node instanceof ScalarNode;
  }

  void problem(String message) {
    problems.add(file, line, path, message);
  }

  /** Records "is required" when absent. */
  Value required() {
    if (!isPresent()) {
      problem("is required");
    }
    return this;
  }

  /**
   * A filter step that records {@code message} (and the value as written) when {@code ok} fails:
   * {@code v.duration().filter(v.must(d -> !d.isZero(), "must be more than 0"))}.
   */
  <T> Predicate<T> must(Predicate<T> ok, String message) {
    return t -> {
      boolean passed = ok.test(t);
      if (!passed) {
        problem(message + ", got " + node.describe());
      }
      return passed;
    };
  }

  /** Any scalar as its text: numbers and booleans as written ({@code 007}, {@code yes}). */
  Optional<String> string() {
    return scalar("a text value").map(ScalarNode::text);
  }

  Optional<String> matching(Pattern pattern, String rule) {
    return string().filter(must(s -> pattern.matcher(s).matches(), rule));
  }

  Optional<Integer> integer(int min, int max) {
    Optional<ScalarNode> scalar = scalar("a whole number");
    if (scalar.isEmpty()) {
      return Optional.empty();
    }
    BigInteger n = parseInteger(scalar.get());
    if (n == null) {
      problem("expected a whole number, got " + node.describe());
      return Optional.empty();
    }
    if (n.compareTo(BigInteger.valueOf(min)) < 0 || n.compareTo(BigInteger.valueOf(max)) > 0) {
      problem(
          (max == Integer.MAX_VALUE
                  ? "must be at least " + min
                  : "must be between " + min + " and " + max)
              + ", got "
              + node.describe());
      return Optional.empty();
    }
    return Optional.of(n.intValueExact());
  }

  private static BigInteger parseInteger(ScalarNode scalar) {
    if (scalar.kind() != Kind.INTEGER) {
      return null;
    }
    try {
      return new BigInteger(scalar.text().replace("_", ""));
    } catch (NumberFormatException e) {
      return null; // hex or octal: legal YAML, but nobody writes a pool size that way on purpose
    }
  }

  Optional<Double> number() {
    Optional<ScalarNode> scalar = scalar("a number");
    if (scalar.isEmpty()) {
      return Optional.empty();
    }
    Kind kind = scalar.get().kind();
    if (kind == Kind.INTEGER || kind == Kind.DECIMAL) {
      try {
        return Optional.of(new BigDecimal(scalar.get().text().replace("_", "")).doubleValue());
      } catch (NumberFormatException e) {
        // .inf and .nan fall through to the problem below
      }
    }
    problem("expected a number, got " + node.describe());
    return Optional.empty();
  }

  Optional<Boolean> bool() {
    Optional<ScalarNode> scalar = scalar("true or false");
    if (scalar.isPresent() && scalar.get().kind() != Kind.BOOLEAN) {
      problem("expected true or false, got " + node.describe());
      return Optional.empty();
    }
    return scalar.map(s -> TRUE_WORDS.contains(s.text().toLowerCase(Locale.ROOT)));
  }

  Optional<Duration> duration() {
    return parsed("a duration like 90s", Durations::parse);
  }

  /** More than zero (durations are never negative). */
  Optional<Duration> positiveDuration() {
    return duration().filter(must(d -> !d.isZero(), "must be more than 0"));
  }

  Optional<Duration> durationAtLeast(Duration min) {
    return duration()
        .filter(must(d -> d.compareTo(min) >= 0, "must be at least " + Durations.format(min)));
  }

  /** A fraction from 0 to 1 or a percentage: {@code 0.2} or {@code "20%"}. */
  Optional<Double> fraction() {
    String rule = "must be a fraction from 0 to 1 or a percentage like 20%";
    if (isScalar() && string().orElse("").endsWith("%")) {
      return parsed("a percentage", Value::percent).filter(must(p -> p >= 0 && p <= 1, rule));
    }
    return number().filter(must(f -> f >= 0 && f <= 1, rule));
  }

  private static double percent(String text) {
    String number = text.substring(0, text.length() - 1).trim();
    if (!PERCENT.matcher(number).matches()) {
      throw new IllegalArgumentException("invalid percentage '" + text + "'");
    }
    return Double.parseDouble(number) / 100;
  }

  Optional<Long> size() {
    return parsed("a size like 50MB", Sizes::parse).filter(must(n -> n > 0, "must be more than 0"));
  }

  /** Resolved against {@code base} and normalized. */
  Optional<Path> path(Path base) {
    return parsed(
        "a path",
        text -> {
          if (text.isBlank()) {
            throw new IllegalArgumentException("must not be empty");
          }
          return base.resolve(text).normalize();
        });
  }

  Optional<ZoneId> zone() {
    return string()
        .flatMap(
            s -> {
              try {
                return Optional.of(ZoneId.of(s));
              } catch (DateTimeException e) {
                problem(
                    "unknown time zone '"
                        + s
                        + "'"
                        + Suggestions.didYouMean(s, ZoneId.getAvailableZoneIds()));
                return Optional.empty();
              }
            });
  }

  /** One of the enum's constants, written in lower case. */
  <E extends Enum<E>> Optional<E> choice(Class<E> type) {
    List<String> names =
        Arrays.stream(type.getEnumConstants())
            .map(e -> e.name().toLowerCase(Locale.ROOT))
            .collect(Collectors.toList());
    return string()
        .flatMap(
            s -> {
              int index = names.indexOf(s);
              if (index < 0) {
                problem(
                    "'"
                        + s
                        + "' is not one of "
                        + String.join(", ", names)
                        + Suggestions.didYouMean(s, names));
                return Optional.empty();
              }
              return Optional.of(type.getEnumConstants()[index]);
            });
  }

  /** The items; empty when absent, and when not a list (then a problem is recorded). */
  List<Value> list() {
    if (!isPresent()) {
      return List.of();
    }
    if (!(node instanceof ListNode listNode)) {
      problem("expected a list, got " + node.describe());
      return List.of();
    }
    List<Value> items = new ArrayList<>();
    for (Node item : listNode.items()) {
      items.add(new Value(file, problems, FieldPath.index(path, items.size()), item.line(), item));
    }
    return items;
  }

  /**
   * A mapping with free keys (names of parameters, variables, steps), in file order; empty when
   * absent, and when not a mapping (then a problem is recorded).
   */
  Map<String, Value> entries() {
    Map<String, Value> entries = new LinkedHashMap<>();
    mapNode()
        .members()
        .values()
        .forEach(m -> entries.put(m.key(), member(m.key(), m.line(), m.value())));
    return entries;
  }

  /**
   * Binds a mapping with fixed keys. Absent or not a mapping, the binder sees an empty mapping, so
   * it returns the defaults. Keys the binder did not ask for are reported afterwards.
   */
  <T> T object(Function<YamlMap, T> binder) {
    YamlMap map = new YamlMap(this, mapNode());
    T bound = binder.apply(map);
    map.rejectUnknownKeys();
    return bound;
  }

  private MapNode mapNode() {
    if (node instanceof MapNode map) {
      return map;
    }
    if (isPresent()) {
      problem("expected a mapping of keys, got " + node.describe());
    }
    return new MapNode(line, Map.of());
  }

  private Optional<ScalarNode> scalar(String expected) {
    if (!isPresent()) {
      return Optional.empty();
    }
    if (node instanceof ScalarNode scalar) {
      return Optional.of(scalar);
    }
    problem("expected " + expected + ", got " + node.describe());
    return Optional.empty();
  }

  /** The scalar's text through {@code parser}; its IllegalArgumentException becomes the problem. */
  <T> Optional<T> parsed(String expected, Function<String, T> parser) {
    return scalar(expected)
        .flatMap(
            s -> {
              try {
                return Optional.of(parser.apply(s.text()));
              } catch (IllegalArgumentException e) { // InvalidPathException included
                problem(e.getMessage());
                return Optional.empty();
              }
            });
  }
}
