package dev.shotclock.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.fasterxml.jackson.dataformat.yaml.snakeyaml.error.MarkedYAMLException;
import dev.shotclock.config.Node.ListNode;
import dev.shotclock.config.Node.MapNode;
import dev.shotclock.config.Node.Member;
import dev.shotclock.config.Node.ScalarNode;
import dev.shotclock.config.Node.ScalarNode.Kind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parses one YAML file into a {@link Node} tree that keeps line numbers. Also rejects what Jackson
 * would silently accept: duplicate keys (the last would win), aliases, a second document, and
 * values longer than {@link #MAX_VALUE_LENGTH}.
 */
final class YamlTreeReader {

  /**
   * The longest value a configuration file may hold. Values are settings (an argument, a
   * description, an environment value, which Linux caps at 128 KiB anyway), never data: a longer
   * one is a paste gone wrong, and would otherwise be carried into every run and log line.
   */
  static final int MAX_VALUE_LENGTH = 64 * 1024;

  private final YAMLFactory factory = new YAMLFactory();

  /**
   * The file's root value; an empty file is an empty mapping. Empty when the file cannot be read or
   * is not valid YAML: the problem is recorded, and binding a broken tree would only add noise.
   */
  Optional<Node> read(Path file, Problems problems) {
    try (YAMLParser parser = factory.createParser(file.toFile())) {
      try {
        if (parser.nextToken() == null) {
          return Optional.of(new MapNode(1, Map.of()));
        }
        Node root = new Builder(parser, file, problems).value("");
        if (parser.nextToken() != null) {
          problems.add(
              file, line(parser), "", "a file holds one YAML document; a second one starts here");
        }
        return Optional.of(root);
      } catch (StreamConstraintsException e) {
        // Jackson's limits (nesting depth, ...) carry no location; the parser knows where it is.
        problems.add(file, line(parser), "", "invalid YAML: " + withoutApiName(e.getOriginalMessage()));
      }
    } catch (MarkedYAMLException e) {
      problems.add(file, lineOf(e), "", "invalid YAML: " + describe(e));
    } catch (JsonProcessingException e) {
      problems.add(file, lineOf(e), "", "invalid YAML: " + e.getOriginalMessage());
    } catch (IOException e) {
      problems.add(file, 0, "", "cannot read the file: " + e.getMessage());
    }
    return Optional.empty();
  }

  /** "... (1000, from `StreamReadConstraints.getMaxNestingDepth()`)" reads "... (1000)". */
  private static String withoutApiName(String message) {
    return message.replaceAll(", from `[^`]*`", "");
  }

  /** SnakeYAML's problem, and where the construct it was in began (often the real mistake). */
  private static String describe(MarkedYAMLException e) {
    if (e.getContext() == null) {
      return e.getProblem();
    }
    String started =
        e.getContextMark() == null ? "" : " started on line " + (e.getContextMark().getLine() + 1);
    return e.getProblem() + " (" + e.getContext() + started + ")";
  }

  /** The problem mark: the parser's location can lag behind it. */
  private static int lineOf(MarkedYAMLException e) {
    return e.getProblemMark() == null
        ? lineOf((JsonProcessingException) e)
        : e.getProblemMark().getLine() + 1;
  }

  private static int lineOf(JsonProcessingException e) {
    JsonLocation location = e.getLocation();
    return location == null ? 0 : Math.max(0, location.getLineNr());
  }

  private static int line(YAMLParser parser) {
    return parser.currentTokenLocation().getLineNr();
  }

  /**
   * Turns the token stream of one value into nodes; the parser stands on the value's first token.
   */
  private static final class Builder {
    private final YAMLParser parser;
    private final Path file;
    private final Problems problems;

    Builder(YAMLParser parser, Path file, Problems problems) {
      this.parser = parser;
      this.file = file;
      this.problems = problems;
    }

    Node value(String path) throws IOException {
      JsonToken token = parser.currentToken();
      if (token == JsonToken.START_OBJECT) {
        return mapping(path);
      }
      if (token == JsonToken.START_ARRAY) {
        return list(path);
      }
      return scalar(token, path);
    }

    private MapNode mapping(String path) throws IOException {
      int line = line(parser);
      Map<String, Member> members = new LinkedHashMap<>();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String key = parser.currentName();
        int keyLine = line(parser);
        parser.nextToken();
        Node value = value(FieldPath.key(path, key));
        Member first = members.putIfAbsent(key, new Member(key, keyLine, value));
        if (first != null) {
          problems.add(
              file,
              keyLine,
              FieldPath.key(path, key),
              "duplicate key (first on line " + first.line() + ")");
        }
      }
      return new MapNode(line, members);
    }

    private ListNode list(String path) throws IOException {
      int line = line(parser);
      List<Node> items = new ArrayList<>();
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        items.add(value(FieldPath.index(path, items.size())));
      }
      return new ListNode(line, items);
    }

    private ScalarNode scalar(JsonToken token, String path) throws IOException {
      int line = line(parser);
      if (parser.isCurrentAlias()) {
        // Aliases would make one edit change several workflows invisibly; write values out.
        problems.add(
            file, line, path, "YAML aliases (*" + parser.getText() + ") are not supported");
        return new ScalarNode(line, Kind.NULL, "");
      }
      String text = token == JsonToken.VALUE_NULL ? "" : parser.getText();
      if (text.length() > MAX_VALUE_LENGTH) {
        problems.add(file, line, path, "longer than " + MAX_VALUE_LENGTH + " characters ("
            + text.length() + "); configuration values are settings, not data");
      }
      return new ScalarNode(line, kind(token), text);
    }

    private static Kind kind(JsonToken token) {
      return switch (token) {
        case VALUE_NUMBER_INT -> Kind.INTEGER;
        case VALUE_NUMBER_FLOAT -> Kind.DECIMAL;
        case VALUE_TRUE, VALUE_FALSE -> Kind.BOOLEAN;
        case VALUE_NULL -> Kind.NULL;
        default -> Kind.STRING;
      };
    }
  }
}
