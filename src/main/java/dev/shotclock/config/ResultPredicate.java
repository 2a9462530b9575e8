package dev.shotclock.config;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A condition over the JSON object a step writes to {@code $SHOTCLOCK_RESULT_FILE}, e.g. {@code
 * errors / items <= 0.1}, {@code items > 0 and errors == 0}, {@code summary.failed < 3 or not
 * strict}.
 *
 * <p>The language: {@code or}, {@code and}, {@code not}; comparisons {@code < <= > >= == !=};
 * arithmetic {@code + - * /}; parentheses; decimal numbers; {@code true}/{@code false}; fields by
 * dotted path into the object (their values must be JSON numbers or booleans). Arithmetic is
 * decimal, not binary floating point.
 *
 * <p>Evaluation never throws: a result that cannot be judged (missing field, a string where a
 * number belongs, division by zero) fails, with an explanation the run log and status can show.
 */
public final class ResultPredicate {

  /** A predicate that does not parse; {@link #position()} is 1-based. */
  public static final class SyntaxError extends IllegalArgumentException {
    private final int position;

    SyntaxError(String message, int offset) {
      super("invalid predicate at position " + (offset + 1) + ": " + message);
      this.position = offset + 1;
    }

    public int position() {
      return position;
    }
  }

  /**
   * @param explanation the values that decided it, e.g. {@code errors / items = 0.25, not <= 0.1}
   */
  public record Evaluation(boolean passed, String explanation) {}

  private final String source;
  private final PredicateExpr expression;

  private ResultPredicate(String source, PredicateExpr expression) {
    this.source = source;
    this.expression = expression;
  }

  /**
   * @throws SyntaxError (an IllegalArgumentException) naming the position of the mistake
   */
  public static ResultPredicate parse(String source) {
    return new ResultPredicate(source, PredicateParser.parse(source));
  }

  public Evaluation evaluate(JsonNode result) {
    if (result == null || !result.isObject()) {
      return new Evaluation(false, "the result is not a JSON object");
    }
    try {
      PredicateExpr.Outcome outcome = expression.outcome(result);
      return new Evaluation(outcome.value(), outcome.why());
    } catch (PredicateExpr.Failure | ArithmeticException e) {
      return new Evaluation(false, e.getMessage());
    }
  }

  public String source() {
    return source;
  }

  /** Same text, same predicate: lets a reload see that a step did not change. */
  @Override
  public boolean equals(Object o) {
    return o instanceof ResultPredicate other && other.source.equals(source);
  }

  @Override
  public int hashCode() {
    return source.hashCode();
  }

  @Override
  public String toString() {
    return source;
  }
}
