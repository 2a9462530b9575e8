package dev.shotclock.config;

import dev.shotclock.config.Node.MapNode;
import dev.shotclock.config.Node.Member;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A mapping with fixed keys, as a binder sees it. The keys the binder asks for are the valid keys:
 * every other key is reported as unknown, with the nearest valid one suggested. So a binder must
 * ask for all its keys unconditionally (and {@link Value#object} checks once it is done).
 */
final class YamlMap {

  private final Value self;
  private final MapNode node;
  private final Set<String> known = new LinkedHashSet<>();

  YamlMap(Value self, MapNode node) {
    this.self = self;
    this.node = node;
  }

  /** The mapping itself, for problems about more than one of its keys. */
  Value self() {
    return self;
  }

  /** The value under {@code key}, absent when the key is not written. */
  Value get(String key) {
    known.add(key);
    Member member = node.members().get(key);
    return member == null
        ? self.member(key, self.line(), null)
        : self.member(key, member.line(), member.value());
  }

  void rejectUnknownKeys() {
    for (Member member : node.members().values()) {
      if (!known.contains(member.key())) {
        self.problems().add(self.file(), member.line(), self.path(), unknown(member.key()));
      }
    }
  }

  private String unknown(String key) {
    String message = "unknown key '" + key + "'";
    return Suggestions.nearest(key, known)
        .map(s -> message + "; did you mean '" + s + "'?")
        .orElse(message + "; valid keys: " + String.join(", ", known));
  }
}
