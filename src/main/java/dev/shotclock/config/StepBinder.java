package dev.shotclock.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Binds one entry of a workflow's {@code steps}. References to other steps are checked later. */
final class StepBinder {

  /** Workflow and step ids: safe in file names, URLs and log lines. */
  static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");

  static final String ID_RULE =
      "must be 1 to 100 of a-z, 0-9, '.', '_', '-', starting with a letter or digit";

  private static final Pattern LOCK = Pattern.compile("[A-Za-z0-9:._/-]{1,200}");

  /**
   * A step and where its id and dependencies are written, for the checks that need every step. The
   * step's id is null when it is missing or invalid (already reported).
   */
  record Bound(StepDef step, Value idAt, Value dependsOnAt, List<DependsOnBinder.Ref> refs) {
    String id() {
      return step.id();
    }
  }

  /**
   * A source named by a reconcile step, where it is written: sources.yaml is read after the
   * workflows, so the loader checks these once it has it.
   */
  record SourceRef(String name, Value at) {}

  private final Path configDir;

  /** One binder per action key, in the order messages name them. */
  private final Map<String, Function<Value, StepAction>> actions = new LinkedHashMap<>();

  private final List<SourceRef> sourceRefs = new ArrayList<>();

  StepBinder(Path configDir) {
    this.configDir = configDir;
    actions.put("run", this::run);
    actions.put("http", StepBinder::http);
    actions.put("reconcile", this::reconcile);
    actions.put("enqueue", StepBinder::enqueue);
  }

  /** The sources every reconcile step bound so far names. */
  List<SourceRef> sourceRefs() {
    return List.copyOf(sourceRefs);
  }

  Bound bind(Value v, RetrySpec workflowRetry) {
    return v.object(m -> step(m, workflowRetry));
  }

  private Bound step(YamlMap m, RetrySpec workflowRetry) {
    Value idAt = m.get("id").required();
    String id = idAt.matching(ID, ID_RULE).orElse(null);
    StepAction action = action(m);
    Value dependsOnAt = m.get("depends_on");
    DependsOnBinder.Bound dependsOn = DependsOnBinder.bind(dependsOnAt);
    StepDef step =
        new StepDef(
            id,
            action,
            m.get("cwd").path(configDir).orElse(null),
            NamedValues.bind(m.get("env")),
            m.get("env_file").path(configDir).orElse(null),
            m.get("timeout").positiveDuration().orElse(null),
            m.get("critical").bool().orElse(true),
            dependsOn.dependsOn(),
            locks(m.get("locks")),
            RetryBinder.bind(m.get("retry"), workflowRetry),
            SuccessRulesBinder.bind(m.get("success")),
            processMatch(m.get("process_match")));
    return new Bound(step, idAt, dependsOnAt, dependsOn.refs());
  }

  /** A regular expression that compiles; a bad one would only fail at the first run. */
  private static String processMatch(Value v) {
    return v.string().filter(v.must(StepBinder::compiles, "must be a valid regular expression"
        + " (Java syntax), searched in each process's command line")).orElse(null);
  }

  private static boolean compiles(String regex) {
    try {
      Pattern.compile(regex);
      return !regex.isBlank();
    } catch (java.util.regex.PatternSyntaxException e) {
      return false;
    }
  }

  /** Exactly one action key; the step is useless without, and ambiguous with two. */
  private StepAction action(YamlMap m) {
    List<String> written = new ArrayList<>();
    StepAction action = null;
    for (Map.Entry<String, Function<Value, StepAction>> kind : actions.entrySet()) {
      Value v = m.get(kind.getKey());
      if (v.isPresent()) {
        written.add(kind.getKey());
        action = kind.getValue().apply(v);
      }
    }
    if (written.isEmpty()) {
      m.self().problem("step needs an action: " + String.join(", ", actions.keySet()));
    } else if (written.size() > 1) {
      m.self().problem("a step has exactly one action, found " + String.join(" and ", written));
    }
    return action;
  }

  private StepAction run(Value v) {
    if (v.isScalar()) {
      String line = v.string().orElse("");
      v.problem(
          "run must be an argv list, not a shell string: "
              + line
              + " (write "
              + asArgv(line)
              + ")");
      return null;
    }
    List<Value> items = v.list();
    if (v.isList() && items.isEmpty()) {
      v.problem("must not be empty: run[0] is the program");
    }
    List<String> argv = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      Value item = items.get(i);
      if (!item.isPresent()) {
        item.problem("an argument must not be null (write \"\" for an empty one)");
      }
      Optional<String> arg = item.string();
      if (i == 0) {
        arg = arg.filter(item.must(program -> !program.isBlank(), "the program must not be blank"));
      }
      arg.ifPresent(argv::add);
    }
    return new StepAction.Run(argv);
  }

  private static StepAction http(Value v) {
    return v.object(m -> {
      String url = m.get("url").required().string()
          .filter(m.get("url").must(StepBinder::isHttpUrl, "must be an http:// or https:// URL with a host"))
          .orElse(null);
      Map<String, String> headers = new LinkedHashMap<>();
      m.get("headers").entries().forEach((name, value) -> {
        if (!HEADER.matcher(name).matches()) {
          value.problem("invalid header name '" + name + "'");
        } else if (HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT))) {
          value.problem("header '" + name + "' is set by the HTTP client, not by the step");
        } else {
          value.string().filter(value.must(s -> s.indexOf('\n') < 0 && s.indexOf('\r') < 0,
              "must be one line")).ifPresent(s -> headers.put(name, s));
        }
      });
      String to = m.get("to").required().string()
          .filter(m.get("to").must(s -> !s.isBlank(), "must not be empty")).orElse(null);
      long maxBytes = m.get("max_bytes").size().orElse(StepAction.Http.DEFAULT_MAX_BYTES);
      return new StepAction.Http(url, headers, to, maxBytes);
    });
  }

  private StepAction reconcile(Value v) {
    return v.object(m -> {
      String manifest = nonBlank(m.get("manifest").required());
      String season = m.get("current_season").matching(StepAction.Reconcile.SEASON,
          "must be a season as the manifest writes it: 2025, 2025-26 or 2025-2026").orElse(null);
      Value sourcesAt = m.get("sources").required();
      List<StepAction.Reconcile.Source> sources = new ArrayList<>();
      Map<String, Value> seen = new LinkedHashMap<>();
      for (Value item : sourcesAt.list()) {
        StepAction.Reconcile.Source src = item.object(this::reconcileSource);
        if (src.source() == null) {
          continue;
        }
        // One task key per item, source and operation: two entries alike would share their tasks.
        String key = src.source() + ":" + (src.operation() == null ? "" : src.operation());
        Value first = seen.putIfAbsent(key, item);
        if (first != null) {
          item.problem("source '" + src.source() + "'" + (src.operation() == null ? " without operation"
              : " with operation '" + src.operation() + "'") + " is already listed at line " + first.line()
              + "; give each entry of a source its own operation");
        } else {
          sources.add(src);
        }
      }
      if (sourcesAt.isList() && sourcesAt.list().isEmpty()) {
        sourcesAt.problem("must not be empty: list where each source keeps its files");
      }
      Duration maxAge = m.get("max_inventory_age").positiveDuration().orElse(null);
      int maxTasks = m.get("max_tasks").integer(1, 1_000_000).orElse(StepAction.Reconcile.DEFAULT_MAX_TASKS);
      return new StepAction.Reconcile(manifest, season, sources, maxAge, maxTasks);
    });
  }

  private StepAction.Reconcile.Source reconcileSource(YamlMap m) {
    Value sourceAt = m.get("source").required();
    String source = sourceAt.matching(ID, ID_RULE).orElse(null);
    if (source != null) {
      sourceRefs.add(new SourceRef(source, sourceAt));
    }
    Value pathAt = m.get("path").required();
    String path = nonBlank(pathAt);
    if (path != null) {
      try {
        PathTemplate.parse(path);
      } catch (IllegalArgumentException e) {
        pathAt.problem(e.getMessage() + "; whether each placeholder is a manifest column is checked"
            + " when the step runs");
        path = null;
      }
    }
    long minSize = m.get("min_size").parsed("a size like 1KiB", Sizes::parse)
        .orElse(StepAction.Reconcile.DEFAULT_MIN_SIZE);
    Duration freshness = m.get("freshness").positiveDuration().orElse(null);
    String operation = m.get("operation").matching(OPERATION,
        "must be 1 to 100 of letters, digits, '.', '_', '-'").orElse(null);
    return new StepAction.Reconcile.Source(source, path, minSize, freshness, operation);
  }

  private static StepAction enqueue(Value v) {
    return v.object(m -> new StepAction.Enqueue(nonBlank(m.get("file").required())));
  }

  /** A required text that must not be blank; null when absent or blank (a problem recorded). */
  private static String nonBlank(Value v) {
    return v.string().filter(v.must(s -> !s.isBlank(), "must not be empty")).orElse(null);
  }

  /** Operations go into task keys, so no ':' (the key separator). */
  private static final Pattern OPERATION = Pattern.compile("[A-Za-z0-9._-]{1,100}");

  private static final Pattern HEADER = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}");
  private static final List<String> HOP_BY_HOP = List.of("connection", "content-length", "expect",
      "host", "upgrade", "transfer-encoding");

  /**
   * A URL the fetch can use. With {@code ${param.NAME}} in it only the scheme can be checked now;
   * the rest is checked when the step runs.
   */
  private static boolean isHttpUrl(String url) {
    String lower = url.toLowerCase(java.util.Locale.ROOT);
    if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
      return false;
    }
    if (url.contains("${param.")) {
      return true;
    }
    try {
      java.net.URI uri = new java.net.URI(url);
      return uri.getHost() != null;
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  /** A starting point for the operator; real shell quoting is theirs to untangle. */
  private static String asArgv(String line) {
    return Arrays.stream(line.trim().split("\\s+"))
        .map(word -> "\"" + word.replace("\"", "\\\"") + "\"")
        .collect(Collectors.joining(", ", "[", "]"));
  }

  private static List<String> locks(Value v) {
    List<String> locks = new ArrayList<>();
    for (Value item : v.list()) {
      item.matching(LOCK, "must be 1 to 200 of A-Z, a-z, 0-9, ':', '.', '_', '/', '-'")
          .ifPresent(locks::add);
    }
    return locks;
  }
}
