package dev.shotclock.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A file path with {@code {column}} placeholders, e.g. {@code data/espn/{season}/{game_id}.json}:
 * where a reconcile step expects each manifest item's file. {@code ${param.NAME}} is not a
 * placeholder (the runner replaces it before the template is parsed), so it is kept as text.
 *
 * <p>Parsed once per try and rendered once per item, so a scan of 100k items only concatenates
 * strings.
 */
public final class PathTemplate {

  /** Placeholder names are manifest column names: they also become task parameters. */
  public static final Pattern NAME = NamedValues.NAME;

  /** A literal piece of text, or a placeholder. */
  private record Part(String text, boolean placeholder) {}

  private final String source;
  private final List<Part> parts;
  private final Set<String> placeholders;

  private PathTemplate(String source, List<Part> parts) {
    this.source = source;
    this.parts = List.copyOf(parts);
    Set<String> names = new LinkedHashSet<>();
    for (Part p : parts) {
      if (p.placeholder()) {
        names.add(p.text());
      }
    }
    this.placeholders = Set.copyOf(names);
  }

  /**
   * @throws IllegalArgumentException saying what is wrong: an unclosed or empty brace, a bad name,
   *     or no placeholder at all (every item would map to the same file)
   */
  public static PathTemplate parse(String text) {
    List<Part> parts = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
        int end = text.indexOf('}', i);
        if (end < 0) {
          throw new IllegalArgumentException("unclosed '${' in '" + text + "'");
        }
        literal.append(text, i, end + 1);
        i = end + 1;
      } else if (c == '{') {
        int end = text.indexOf('}', i);
        if (end < 0) {
          throw new IllegalArgumentException("unclosed '{' in '" + text + "'");
        }
        String name = text.substring(i + 1, end);
        if (!NAME.matcher(name).matches()) {
          throw new IllegalArgumentException("placeholder {" + name + "} in '" + text
              + "' must be a column name: letters, digits and _, not starting with a digit");
        }
        if (literal.length() > 0) {
          parts.add(new Part(literal.toString(), false));
          literal.setLength(0);
        }
        parts.add(new Part(name, true));
        i = end + 1;
      } else if (c == '}') {
        throw new IllegalArgumentException("'}' without '{' in '" + text + "'");
      } else {
        literal.append(c);
        i++;
      }
    }
    if (literal.length() > 0) {
      parts.add(new Part(literal.toString(), false));
    }
    PathTemplate t = new PathTemplate(text, parts);
    if (t.placeholders.isEmpty()) {
      throw new IllegalArgumentException("'" + text + "' has no {column} placeholder, so every"
          + " item would map to the same file");
    }
    return t;
  }

  /** The column names the template uses. */
  public Set<String> placeholders() {
    return placeholders;
  }

  /**
   * The path of one item.
   *
   * @param values column name to value; must hold every placeholder
   */
  public String render(Map<String, String> values) {
    StringBuilder out = new StringBuilder(source.length() + 32);
    for (Part p : parts) {
      if (p.placeholder()) {
        String v = values.get(p.text());
        if (v == null) {
          throw new IllegalArgumentException("no value for {" + p.text() + "}");
        }
        out.append(v);
      } else {
        out.append(p.text());
      }
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return source;
  }
}
