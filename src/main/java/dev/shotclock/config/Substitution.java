package dev.shotclock.config;

import dev.shotclock.config.Node.ListNode;
import dev.shotclock.config.Node.MapNode;
import dev.shotclock.config.Node.Member;
import dev.shotclock.config.Node.ScalarNode;
import dev.shotclock.config.Node.ScalarNode.Kind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:-default}} in every string value (not in keys) with
 * the daemon's environment, before binding. {@code $${} is a literal {@code ${}.
 *
 * <ul>
 *   <li>As in the shell, the default applies when the variable is unset <em>or empty</em>; the
 *       default runs to the first {@code }} and is not itself substituted.
 *   <li>{@code ${param.NAME}} is left as written: the workflow runner replaces it at run time. Each
 *       one is reported back so the workflow binder can check that NAME is declared.
 *   <li>Only the daemon's own environment is used. Variables of an {@code env_file} are not: that
 *       file is read when a step starts and only goes to the child process's environment.
 *   <li>A substituted plain value is typed as if its text had been written there, so {@code port:
 *       ${ADMIN_PORT:-8080}} is a number.
 * </ul>
 */
final class Substitution {

  /** A {@code ${param.NAME}} reference, where it was written. */
  record ParamRef(String name, int line, String path) {}

  /** The substituted tree and the parameter references found in it. */
  record Result(Node root, List<ParamRef> paramRefs) {}

  private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9]+");
  private static final Pattern DECIMAL = Pattern.compile("[-+]?[0-9]+\\.[0-9]+([eE][-+]?[0-9]+)?");
  private static final String PARAM_PREFIX = "param.";

  private final Map<String, String> environment;

  Substitution(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  Result apply(Node root, Path file, Problems problems) {
    Walk walk = new Walk(file, problems);
    Node substituted = walk.node(root, "");
    return new Result(substituted, walk.paramRefs);
  }

  /** One pass over one file's tree. */
  private final class Walk {
    private final Path file;
    private final Problems problems;
    private final List<ParamRef> paramRefs = new ArrayList<>();

    Walk(Path file, Problems problems) {
      this.file = file;
      this.problems = problems;
    }

    Node node(Node node, String path) {
      if (node instanceof MapNode map) {
        Map<String, Member> members = new LinkedHashMap<>();
        for (Member m : map.members().values()) {
          Node value = node(m.value(), FieldPath.key(path, m.key()));
          members.put(m.key(), new Member(m.key(), m.line(), value));
        }
        return new MapNode(map.line(), members);
      }
      if (node instanceof ListNode list) {
        List<Node> items = new ArrayList<>();
        for (Node item : list.items()) {
          items.add(node(item, FieldPath.index(path, items.size())));
        }
        return new ListNode(list.line(), items);
      }
      ScalarNode scalar = (ScalarNode) node;
      return scalar.kind() == Kind.STRING && scalar.text().contains("${")
          ? string(scalar, path)
          : scalar;
    }

    private ScalarNode string(ScalarNode scalar, String path) {
      String text = scalar.text();
      StringBuilder out = new StringBuilder();
      boolean fromEnvironment = false;
      int i = 0;
      while (i < text.length()) {
        if (text.startsWith("$${", i)) {
          out.append("${");
          i += 3;
        } else if (text.startsWith("${", i)) {
          int end = text.indexOf('}', i + 2);
          if (end < 0) {
            problem(scalar, path, "'${' without a closing '}' (write $${ for a literal ${)");
            out.append(text, i, text.length());
            break;
          }
          String inner = text.substring(i + 2, end);
          if (inner.startsWith(PARAM_PREFIX)) {
            param(inner.substring(PARAM_PREFIX.length()), scalar, path);
            out.append(text, i, end + 1);
          } else {
            out.append(variable(inner, scalar, path));
            fromEnvironment = true;
          }
          i = end + 1;
        } else {
          out.append(text.charAt(i++));
        }
      }
      String result = out.toString();
      return scalar.withText(result, fromEnvironment ? resolve(result) : Kind.STRING);
    }

    private void param(String name, ScalarNode scalar, String path) {
      if (VARIABLE.matcher(name).matches()) {
        paramRefs.add(new ParamRef(name, scalar.line(), path));
      } else {
        problem(scalar, path, "invalid parameter reference ${param." + name + "}");
      }
    }

    private String variable(String inner, ScalarNode scalar, String path) {
      int colon = inner.indexOf(":-");
      String name = colon < 0 ? inner : inner.substring(0, colon);
      String fallback = colon < 0 ? null : inner.substring(colon + 2);
      if (!VARIABLE.matcher(name).matches()) {
        problem(
            scalar,
            path,
            "invalid variable reference ${"
                + inner
                + "}"
                + " (names are letters, digits and _; write $${ for a literal ${)");
        return "${" + inner + "}";
      }
      String value = environment.get(name);
      if (value != null && !(value.isEmpty() && fallback != null)) {
        return value;
      }
      if (fallback != null) {
        return fallback;
      }
      problem(
          scalar,
          path,
          "undefined variable ${"
              + name
              + "}; set it in the daemon's environment"
              + " or write ${"
              + name
              + ":-<default>}");
      return "${" + inner + "}"; // as written: an empty value would only add follow-up problems
    }

    private void problem(ScalarNode scalar, String path, String message) {
      problems.add(file, scalar.line(), path, message);
    }
  }

  private static Kind resolve(String text) {
    if (text.equals("true") || text.equals("false")) {
      return Kind.BOOLEAN;
    }
    if (INTEGER.matcher(text).matches()) {
      return Kind.INTEGER;
    }
    return DECIMAL.matcher(text).matches() ? Kind.DECIMAL : Kind.STRING;
  }
}
