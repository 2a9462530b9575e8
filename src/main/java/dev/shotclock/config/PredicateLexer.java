package dev.shotclock.config;

import java.util.ArrayList;
import java.util.List;

/** Splits a result predicate into tokens, each with its 0-based offset in the text. */
final class PredicateLexer {

  enum Kind {
    NUMBER,
    /** A field path ({@code summary.failed}) or a keyword ({@code and}, {@code true}, ...). */
    WORD,
    OPERATOR,
    END
  }

  record Token(Kind kind, String text, int offset) {
    boolean is(String s) {
      return kind != Kind.NUMBER && text.equals(s);
    }
  }

  private static final List<String> OPERATORS =
      List.of("<=", ">=", "==", "!=", "<", ">", "+", "-", "*", "/", "(", ")");

  private final String text;
  private int offset;

  private PredicateLexer(String text) {
    this.text = text;
  }

  static List<Token> tokens(String text) {
    PredicateLexer lexer = new PredicateLexer(text);
    List<Token> tokens = new ArrayList<>();
    Token token;
    do {
      token = lexer.next();
      tokens.add(token);
    } while (token.kind() != Kind.END);
    return tokens;
  }

  private Token next() {
    while (offset < text.length() && Character.isWhitespace(text.charAt(offset))) {
      offset++;
    }
    int start = offset;
    if (offset == text.length()) {
      return new Token(Kind.END, "", start);
    }
    char c = text.charAt(offset);
    if (isDigit(c)) {
      return number(start);
    }
    if (isWordStart(c)) {
      return word(start);
    }
    for (String op : OPERATORS) {
      if (text.startsWith(op, offset)) {
        offset += op.length();
        return new Token(Kind.OPERATOR, op, start);
      }
    }
    throw new ResultPredicate.SyntaxError(misspelling(start), start);
  }

  /** Operators people bring from other languages get a pointer to ours. */
  private String misspelling(int start) {
    if (text.startsWith("&&", start)) {
      return "use 'and' instead of '&&'";
    }
    if (text.startsWith("||", start)) {
      return "use 'or' instead of '||'";
    }
    if (text.startsWith("=", start)) {
      return "use '==' to compare";
    }
    if (text.startsWith("!", start)) {
      return "use 'not' instead of '!'";
    }
    return "unexpected character '" + text.charAt(start) + "'";
  }

  private Token number(int start) {
    skipDigits();
    if (offset + 1 < text.length()
        && text.charAt(offset) == '.'
        && isDigit(text.charAt(offset + 1))) {
      offset++;
      skipDigits();
    }
    return new Token(Kind.NUMBER, text.substring(start, offset), start);
  }

  private Token word(int start) {
    skipWordChars();
    while (offset + 1 < text.length()
        && text.charAt(offset) == '.'
        && isWordStart(text.charAt(offset + 1))) {
      offset++;
      skipWordChars();
    }
    return new Token(Kind.WORD, text.substring(start, offset), start);
  }

  private void skipDigits() {
    while (offset < text.length() && isDigit(text.charAt(offset))) {
      offset++;
    }
  }

  private void skipWordChars() {
    while (offset < text.length()
        && (isWordStart(text.charAt(offset)) || isDigit(text.charAt(offset)))) {
      offset++;
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isWordStart(char c) {
    return c == '_' || (c < 128 && Character.isLetter(c));
  }
}
