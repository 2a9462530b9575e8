package dev.shotclock.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Binds {@code depends_on}: a list of step ids (each must succeed), or a mapping of step ids to
 * {@code succeeded}/{@code completed}, optionally with {@code quorum: K} and {@code of: [ids]}.
 * Whether the ids exist is checked afterwards, by {@link StepGraph}, once every step is known.
 */
final class DependsOnBinder {

  /** A reference to another step, where it is written. */
  record Ref(String step, Value at) {}

  record Bound(DependsOn dependsOn, List<Ref> refs) {
    static final Bound NONE = new Bound(DependsOn.NONE, List.of());
  }

  private DependsOnBinder() {}

  static Bound bind(Value v) {
    if (!v.isPresent()) {
      return Bound.NONE;
    }
    if (v.isList()) {
      return list(v);
    }
    if (v.isMap()) {
      return map(v);
    }
    String text = v.string().orElse("");
    v.problem(
        "expected a list of step ids or a mapping, got '"
            + text
            + "' (write ["
            + text
            + "] for one step)");
    return Bound.NONE;
  }

  private static Bound list(Value v) {
    Map<String, DependencyMode> edges = new LinkedHashMap<>();
    List<Ref> refs = stepIds(v);
    refs.forEach(ref -> edges.put(ref.step(), DependencyMode.SUCCEEDED));
    return new Bound(new DependsOn(edges, null), refs);
  }

  private static Bound map(Value v) {
    Map<String, Value> entries = v.entries();
    Map<String, DependencyMode> edges = new LinkedHashMap<>();
    List<Ref> refs = new ArrayList<>();
    entries.forEach(
        (step, mode) -> {
          if (!step.equals("quorum") && !step.equals("of")) {
            refs.add(new Ref(step, mode));
            if (!mode.isPresent()) {
              mode.problem("needs 'succeeded' or 'completed'");
            }
            edges.put(step, mode.choice(DependencyMode.class).orElse(DependencyMode.SUCCEEDED));
          }
        });
    Optional<DependsOn.Quorum> quorum = quorum(v, entries, refs);
    return new Bound(new DependsOn(edges, quorum.orElse(null)), refs);
  }

  private static Optional<DependsOn.Quorum> quorum(
      Value v, Map<String, Value> entries, List<Ref> refs) {
    Value count = entries.get("quorum");
    Value of = entries.get("of");
    boolean hasCount = count != null && count.isPresent();
    boolean hasOf = of != null && of.isPresent();
    if (hasCount != hasOf) {
      v.problem(
          hasCount
              ? "quorum needs 'of': the steps it counts"
              : "'of' needs 'quorum': how many must succeed");
    }
    if (!hasCount || !hasOf) {
      return Optional.empty();
    }
    List<Ref> members = stepIds(of);
    refs.addAll(members);
    if (members.isEmpty()) {
      if (of.isList()) {
        of.problem("must not be empty");
      }
      return Optional.empty();
    }
    return count
        .integer(1, Integer.MAX_VALUE)
        .filter(
            count.must(
                k -> k <= members.size(),
                "must be at most " + members.size() + ", the number of steps in 'of'"))
        .map(k -> new DependsOn.Quorum(k, members.stream().map(Ref::step).toList()));
  }

  /** A list of step ids; one listed twice is a problem. */
  private static List<Ref> stepIds(Value v) {
    List<Ref> refs = new ArrayList<>();
    for (Value item : v.list()) {
      item.string()
          .ifPresent(
              step -> {
                if (refs.stream().anyMatch(r -> r.step().equals(step))) {
                  item.problem("'" + step + "' is listed twice");
                } else {
                  refs.add(new Ref(step, item));
                }
              });
    }
    return refs;
  }
}
