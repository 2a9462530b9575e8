package dev.shotclock.config;

import dev.shotclock.config.PredicateExpr.Arithmetic;
import dev.shotclock.config.PredicateExpr.BooleanLiteral;
import dev.shotclock.config.PredicateExpr.Comparison;
import dev.shotclock.config.PredicateExpr.Field;
import dev.shotclock.config.PredicateExpr.Logical;
import dev.shotclock.config.PredicateExpr.Negate;
import dev.shotclock.config.PredicateExpr.Not;
import dev.shotclock.config.PredicateExpr.NumberLiteral;
import dev.shotclock.config.PredicateExpr.Type;
import dev.shotclock.config.PredicateLexer.Kind;
import dev.shotclock.config.PredicateLexer.Token;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Recursive descent, loosest binding first:
 *
 * <pre>
 * or         = and ("or" and)*
 * and        = not ("and" not)*
 * not        = "not" not | comparison
 * comparison = sum [("<" | "<=" | ">" | ">=" | "==" | "!=") sum]     (no chains: a < b < c)
 * sum        = product (("+" | "-") product)*
 * product    = unary (("*" | "/") unary)*
 * unary      = "-" unary | primary
 * primary    = NUMBER | "true" | "false" | FIELD ("." FIELD)* | "(" or ")"
 * </pre>
 *
 * Types are checked where they are known (literals, operators), so {@code items + (a > 1)} fails
 * here rather than at the first run; fields are checked when evaluated.
 */
final class PredicateParser {

  private static final Set<String> COMPARISONS = Set.of("<", "<=", ">", ">=", "==", "!=");
  private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "true", "false");

  private final String text;
  private final List<Token> tokens;
  private int index;

  private PredicateParser(String text) {
    this.text = text;
    this.tokens = PredicateLexer.tokens(text);
  }

  static PredicateExpr parse(String text) {
    PredicateParser parser = new PredicateParser(text);
    if (parser.peek().kind() == Kind.END) {
      throw new ResultPredicate.SyntaxError("the predicate is empty", 0);
    }
    PredicateExpr expr = parser.or();
    Token rest = parser.peek();
    if (rest.kind() != Kind.END) {
      throw parser.error(
          rest, "expected 'and', 'or', an operator or the end, found '" + rest.text() + "'");
    }
    if (!expr.type().canBe(Type.BOOLEAN)) {
      throw new ResultPredicate.SyntaxError(
          "the predicate must be a condition such as '"
              + expr.source()
              + " <= 0.1', but '"
              + expr.source()
              + "' is a number",
          0);
    }
    return expr;
  }

  private PredicateExpr or() {
    return leftToRight(Set.of("or"), Type.BOOLEAN, this::and, Logical::new);
  }

  private PredicateExpr and() {
    return leftToRight(Set.of("and"), Type.BOOLEAN, this::not, Logical::new);
  }

  private PredicateExpr not() {
    if (!peek().is("not")) {
      return comparison();
    }
    Token op = next();
    PredicateExpr operand = not();
    return new Not(source(op.offset()), check(operand, Type.BOOLEAN, op));
  }

  private PredicateExpr comparison() {
    int start = peek().offset();
    PredicateExpr left = sum();
    if (!isComparison(peek())) {
      return left;
    }
    Token op = next();
    PredicateExpr right = sum();
    if (isComparison(peek())) {
      throw error(peek(), "comparisons cannot be chained; join them with 'and'");
    }
    if (op.is("==") || op.is("!=")) {
      sameType(left, right, op);
    } else {
      check(left, Type.NUMBER, op);
      check(right, Type.NUMBER, op);
    }
    return new Comparison(source(start), op.text(), left, right);
  }

  private PredicateExpr sum() {
    return leftToRight(Set.of("+", "-"), Type.NUMBER, this::product, Arithmetic::new);
  }

  private PredicateExpr product() {
    return leftToRight(Set.of("*", "/"), Type.NUMBER, this::unary, Arithmetic::new);
  }

  /** Builds one binary node. */
  @FunctionalInterface
  private interface Binary {
    PredicateExpr of(String source, String operator, PredicateExpr left, PredicateExpr right);
  }

  /**
   * {@code operand (operator operand)*}, grouped from the left ({@code a - b - c} is {@code (a - b)
   * - c}); every operand must be able to be {@code type}.
   */
  private PredicateExpr leftToRight(
      Set<String> operators, Type type, Supplier<PredicateExpr> operand, Binary binary) {
    int start = peek().offset();
    PredicateExpr left = operand.get();
    while (operators.stream().anyMatch(peek()::is)) {
      Token op = next();
      PredicateExpr right = operand.get();
      left = binary.of(source(start), op.text(), check(left, type, op), check(right, type, op));
    }
    return left;
  }

  private PredicateExpr unary() {
    if (!peek().is("-")) {
      return primary();
    }
    Token op = next();
    PredicateExpr operand = unary();
    return new Negate(source(op.offset()), check(operand, Type.NUMBER, op));
  }

  private PredicateExpr primary() {
    Token token = next();
    if (token.kind() == Kind.NUMBER) {
      return new NumberLiteral(token.text(), new BigDecimal(token.text()));
    }
    if (token.is("true") || token.is("false")) {
      return new BooleanLiteral(token.text(), token.is("true"));
    }
    if (token.kind() == Kind.WORD && !KEYWORDS.contains(token.text())) {
      return new Field(token.text(), Arrays.asList(token.text().split("\\.")));
    }
    if (token.is("(")) {
      PredicateExpr inner = or();
      Token close = next();
      if (!close.is(")")) {
        throw error(
            close,
            "expected ')' to close the '(' at position "
                + (token.offset() + 1)
                + ", found "
                + found(close));
      }
      return inner;
    }
    throw error(token, "expected a number, a field, true, false or '(', found " + found(token));
  }

  private PredicateExpr check(PredicateExpr operand, Type wanted, Token op) {
    if (!operand.type().canBe(wanted)) {
      throw error(
          op,
          "'"
              + op.text()
              + "' needs "
              + wanted.noun()
              + ", but '"
              + operand.source()
              + "' is "
              + operand.type().noun());
    }
    return operand;
  }

  private void sameType(PredicateExpr left, PredicateExpr right, Token op) {
    if (left.type() != Type.UNKNOWN
        && right.type() != Type.UNKNOWN
        && left.type() != right.type()) {
      throw error(
          op,
          "'" + op.text() + "' compares " + left.type().noun() + " with " + right.type().noun());
    }
  }

  private static boolean isComparison(Token token) {
    return token.kind() == Kind.OPERATOR && COMPARISONS.contains(token.text());
  }

  private static String found(Token token) {
    return token.kind() == Kind.END ? "the end" : "'" + token.text() + "'";
  }

  /** The text from {@code start} to the end of the last token read. */
  private String source(int start) {
    Token last = tokens.get(index - 1);
    return text.substring(start, last.offset() + last.text().length());
  }

  private Token peek() {
    return tokens.get(index);
  }

  private Token next() {
    Token token = tokens.get(index);
    if (token.kind() != Kind.END) {
      index++;
    }
    return token;
  }

  private ResultPredicate.SyntaxError error(Token at, String message) {
    return new ResultPredicate.SyntaxError(message, at.offset());
  }
}
