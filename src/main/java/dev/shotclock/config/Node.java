package dev.shotclock.config;

import java.util.List;
import java.util.Map;

/**
 * A YAML value with the line it starts on. Jackson's own tree drops locations, and every problem
 * must name its line, so the loader builds this small tree from the streaming parser instead.
 */
sealed interface Node permits Node.MapNode, Node.ListNode, Node.ScalarNode {

  /** 1-based. */
  int line();

  /** How the value is named in messages: {@code a mapping}, {@code a list}, {@code '90s'}. */
  String describe();

  /** A key of a mapping, on the line where the key is written. */
  record Member(String key, int line, Node value) {}

  /** Members in file order, keys unique. */
  record MapNode(int line, Map<String, Member> members) implements Node {
    public MapNode {
      members = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(members));
    }

    @Override
    public String describe() {
      return "a mapping";
    }
  }

  record ListNode(int line, List<Node> items) implements Node {
    public ListNode {
      items = List.copyOf(items);
    }

    @Override
    public String describe() {
      return "a list";
    }
  }

  /**
   * A scalar as written ({@code text} is the source text, e.g. {@code 1_000} or {@code yes}), typed
   * as YAML resolved it.
   */
  record ScalarNode(int line, Kind kind, String text) implements Node {

    enum Kind {
      STRING,
      INTEGER,
      DECIMAL,
      BOOLEAN,
      NULL
    }

    @Override
    public String describe() {
      return kind == Kind.NULL ? "nothing" : "'" + text + "'";
    }

    ScalarNode withText(String newText, Kind newKind) {
      return new ScalarNode(line, newKind, newText);
    }
  }
}
