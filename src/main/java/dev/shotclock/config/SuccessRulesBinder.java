package dev.shotclock.config;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/** Binds a step's {@code success} block. */
final class SuccessRulesBinder {

  private SuccessRulesBinder() {}

  static SuccessRules bind(Value v) {
    return v.object(SuccessRulesBinder::rules);
  }

  private static SuccessRules rules(YamlMap m) {
    Value warningValue = m.get("warning_exit_codes");
    Value nonRetryableValue = m.get("non_retryable_exit_codes");
    Value predicateValue = m.get("predicate");
    Set<Integer> warning = exitCodes(warningValue, false, SuccessRules.DEFAULT.warningExitCodes());
    Set<Integer> nonRetryable =
        exitCodes(nonRetryableValue, true, SuccessRules.DEFAULT.nonRetryableExitCodes());
    for (Integer code : warning) {
      if (nonRetryable.contains(code)) {
        m.self()
            .problem(
                "exit code "
                    + code
                    + " is in both warning_exit_codes and non_retryable_exit_codes"
                    + (nonRetryableValue.isPresent()
                        ? ""
                        : " (whose default is [2]; write it out)"));
      }
    }
    ResultPredicate predicate =
        predicateValue.parsed("a predicate", ResultPredicate::parse).orElse(null);
    return new SuccessRules(warning, nonRetryable, predicate);
  }

  private static Set<Integer> exitCodes(Value v, boolean nonRetryable, Set<Integer> defaults) {
    if (!v.isPresent()) {
      return defaults;
    }
    Set<Integer> codes = new LinkedHashSet<>();
    for (Value item : v.list()) {
      Optional<Integer> code = item.integer(0, 255);
      if (nonRetryable) {
        code = code.filter(item.must(c -> c != 0, "0 means success, it cannot be non-retryable"));
      }
      code.ifPresent(codes::add);
    }
    return codes;
  }
}
