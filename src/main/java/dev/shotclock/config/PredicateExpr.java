package dev.shotclock.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;

/**
 * A parsed result predicate. Values are {@link BigDecimal} (so {@code 3 * 0.1 <= 0.3} holds, as an
 * operator expects) or {@link Boolean}. Anything that prevents an answer (a missing field, a string
 * where a number belongs, a division by zero) is a {@link Failure}, which fails the step.
 */
sealed interface PredicateExpr {

  /**
   * What an expression yields, as far as the parser can tell; fields are only known at run time.
   */
  enum Type {
    NUMBER,
    BOOLEAN,
    UNKNOWN;

    boolean canBe(Type wanted) {
      return this == UNKNOWN || this == wanted;
    }

    String noun() {
      return this == NUMBER ? "a number" : "true/false";
    }
  }

  /** A condition's value and the facts that decided it, e.g. {@code errors = 3, not == 0}. */
  record Outcome(boolean value, String why) {}

  /** Why the predicate cannot be decided for this result; the step fails with this message. */
  final class Failure extends RuntimeException {
    Failure(String message) {
      super(message, null, false, false);
    }
  }

  /** The expression as written. */
  String source();

  Type type();

  /** A {@link BigDecimal} or a {@link Boolean}. */
  Object value(JsonNode result);

  /** Evaluates a condition and says why it came out so. */
  default Outcome outcome(JsonNode result) {
    Object value = value(result);
    return new Outcome(asBoolean(this, value), describe(this, value));
  }

  static boolean asBoolean(PredicateExpr expr, Object value) {
    if (value instanceof Boolean b) {
      return b;
    }
    throw new Failure(describe(expr, value) + " is a number, not true/false");
  }

  static BigDecimal asNumber(PredicateExpr expr, Object value) {
    if (value instanceof BigDecimal n) {
      return n;
    }
    throw new Failure(describe(expr, value) + " is true/false, not a number");
  }

  /** {@code errors / items = 0.25}; a literal is just itself. */
  static String describe(PredicateExpr expr, Object value) {
    String shown = value instanceof BigDecimal n ? format(n) : String.valueOf(value);
    return expr instanceof NumberLiteral || expr instanceof BooleanLiteral
        ? expr.source()
        : expr.source() + " = " + shown;
  }

  static String format(BigDecimal n) {
    return n.round(MathContext.DECIMAL64).stripTrailingZeros().toPlainString();
  }

  record NumberLiteral(String source, BigDecimal number) implements PredicateExpr {
    @Override
    public Type type() {
      return Type.NUMBER;
    }

    @Override
    public Object value(JsonNode result) {
      return number;
    }
  }

  record BooleanLiteral(String source, boolean bool) implements PredicateExpr {
    @Override
    public Type type() {
      return Type.BOOLEAN;
    }

    @Override
    public Object value(JsonNode result) {
      return bool;
    }
  }

  /** A dotted path into the result object: {@code summary.failed}. */
  record Field(String source, List<String> path) implements PredicateExpr {
    @Override
    public Type type() {
      return Type.UNKNOWN;
    }

    @Override
    public Object value(JsonNode result) {
      JsonNode node = result;
      for (int i = 0; i < path.size(); i++) {
        if (!node.isObject()) {
          throw new Failure(
              "field '" + String.join(".", path.subList(0, i)) + "' is not an object");
        }
        node = node.get(path.get(i));
        if (node == null) {
          throw new Failure(
              "field '"
                  + String.join(".", path.subList(0, i + 1))
                  + "' is missing from the result");
        }
      }
      return scalar(node);
    }

    private Object scalar(JsonNode node) {
      if (node.isBoolean()) {
        return node.booleanValue();
      }
      if (node.isNumber()) {
        try {
          return node.decimalValue();
        } catch (NumberFormatException e) {
          throw new Failure("field '" + source + "' is " + node + ", not a finite number");
        }
      }
      throw new Failure(
          "field '"
              + source
              + "' is "
              + node
              + " ("
              + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
              + "), not a number or true/false");
    }
  }

  record Negate(String source, PredicateExpr operand) implements PredicateExpr {
    @Override
    public Type type() {
      return Type.NUMBER;
    }

    @Override
    public Object value(JsonNode result) {
      return asNumber(operand, operand.value(result)).negate();
    }
  }

  /** {@code + - * /}. */
  record Arithmetic(String source, String operator, PredicateExpr left, PredicateExpr right)
      implements PredicateExpr {
    @Override
    public Type type() {
      return Type.NUMBER;
    }

    @Override
    public Object value(JsonNode result) {
      BigDecimal a = asNumber(left, left.value(result));
      BigDecimal b = asNumber(right, right.value(result));
      return switch (operator) {
        case "+" -> a.add(b);
        case "-" -> a.subtract(b);
        case "*" -> a.multiply(b);
        default -> divide(a, b);
      };
    }

    private BigDecimal divide(BigDecimal a, BigDecimal b) {
      if (b.signum() == 0) {
        throw new Failure(source + ": division by zero (" + describe(right, b) + ")");
      }
      return a.divide(b, MathContext.DECIMAL64);
    }
  }

  /** An expression that is true or false by its operator, and says why. */
  sealed interface Condition extends PredicateExpr {
    @Override
    default Type type() {
      return Type.BOOLEAN;
    }

    @Override
    default Object value(JsonNode result) {
      return outcome(result).value();
    }

    @Override
    Outcome outcome(JsonNode result);
  }

  /** {@code < <= > >= == !=}. */
  record Comparison(String source, String operator, PredicateExpr left, PredicateExpr right)
      implements Condition {
    @Override
    public Outcome outcome(JsonNode result) {
      Object a = left.value(result);
      Object b = right.value(result);
      boolean holds = holds(a, b);
      String facts =
          describe(left, a)
              + (holds ? ", which is " : ", not ")
              + operator
              + " "
              + describe(right, b);
      return new Outcome(holds, facts);
    }

    private boolean holds(Object a, Object b) {
      if (operator.equals("==") || operator.equals("!=")) {
        if (a.getClass() != b.getClass()) {
          throw new Failure("cannot compare " + describe(left, a) + " with " + describe(right, b));
        }
        boolean equal = a instanceof BigDecimal n ? n.compareTo((BigDecimal) b) == 0 : a.equals(b);
        return equal == operator.equals("==");
      }
      int order = asNumber(left, a).compareTo(asNumber(right, b));
      return switch (operator) {
        case "<" -> order < 0;
        case "<=" -> order <= 0;
        case ">" -> order > 0;
        default -> order >= 0;
      };
    }
  }

  /** {@code and}/{@code or}; the right side is only evaluated when it can change the answer. */
  record Logical(String source, String operator, PredicateExpr left, PredicateExpr right)
      implements Condition {
    @Override
    public Outcome outcome(JsonNode result) {
      boolean isAnd = operator.equals("and");
      Outcome first = left.outcome(result);
      if (first.value() != isAnd) {
        return first; // false for 'and', true for 'or': decided
      }
      Outcome second = right.outcome(result);
      return second.value() != isAnd
          ? second
          : new Outcome(isAnd, first.why() + "; " + second.why());
    }
  }

  /** The facts stay the same; only the conclusion flips. */
  record Not(String source, PredicateExpr operand) implements Condition {
    @Override
    public Outcome outcome(JsonNode result) {
      Outcome inner = operand.outcome(result);
      return new Outcome(!inner.value(), inner.why());
    }
  }
}
