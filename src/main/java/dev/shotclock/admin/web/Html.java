package dev.shotclock.admin.web;

/**
 * A tiny HTML writer. Everything that is not a literal of this package goes through {@link #text}
 * or an attribute value, and both escape: workflow ids, log lines and error messages come from
 * configuration and history, which an attacker may have written.
 */
final class Html {

  private final StringBuilder out = new StringBuilder(8192);

  /** Escapes for element content and double-quoted attribute values alike. */
  static String esc(Object value) {
    if (value == null) {
      return "";
    }
    String s = value.toString();
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /** Markup written by this package, never data. */
  Html raw(String markup) {
    out.append(markup);
    return this;
  }

  Html text(Object value) {
    out.append(esc(value));
    return this;
  }

  /** Opens {@code <name a="v" ...>}; attributes come in name, value pairs, values escaped. */
  Html open(String name, String... attributes) {
    out.append('<').append(name);
    for (int i = 0; i + 1 < attributes.length; i += 2) {
      if (attributes[i + 1] != null) {
        out.append(' ').append(attributes[i]).append("=\"").append(esc(attributes[i + 1])).append('"');
      }
    }
    out.append('>');
    return this;
  }

  Html close(String name) {
    out.append("</").append(name).append('>');
    return this;
  }

  /** {@code <name attributes>text</name>}, the text escaped. */
  Html el(String name, Object text, String... attributes) {
    return open(name, attributes).text(text).close(name);
  }

  Html link(String href, Object text, String... attributes) {
    String[] all = new String[attributes.length + 2];
    all[0] = "href";
    all[1] = href;
    System.arraycopy(attributes, 0, all, 2, attributes.length);
    return el("a", text, all);
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
