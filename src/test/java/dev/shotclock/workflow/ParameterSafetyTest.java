package dev.shotclock.workflow;

import static dev.shotclock.testsupport.Workflows.step;
import static dev.shotclock.testsupport.Workflows.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shotclock.admin.AdminTokens;
import dev.shotclock.config.OverlapPolicy;
import dev.shotclock.history.RunRecord;
import dev.shotclock.history.RunState;
import dev.shotclock.history.StepRunRecord;
import dev.shotclock.history.StepState;
import dev.shotclock.testsupport.DaemonFixture;
import dev.shotclock.testsupport.Installation;
import dev.shotclock.testsupport.RawHttp;
import dev.shotclock.testsupport.TestStores;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Run parameters are data, never code: values full of shell syntax, sent through the admin API as
 * an operator's {@code trigger --param} is, reach the child as literal argv elements and as {@code
 * SHOTCLOCK_PARAM_<name>}, byte for byte. The child is a tiny script that copies {@code "$1"},
 * {@code "$2"}, {@code $#} and the variable to files; nothing may ever interpret them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ParameterSafetyTest {

  private static final String WORKFLOW = "echo-params";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Name of a file any interpreted value below would create; it must never exist. */
  private static final String PWNED = "pwned";

  private Path dir;
  private Path out;
  private DaemonFixture daemon;
  private RawHttp http;
  private String token;

  @BeforeAll
  void startDaemon(@TempDir Path tmp) throws IOException {
    dir = tmp;
    out = Files.createDirectories(dir.resolve("out"));
    Path script = dir.resolve("copy-args.sh");
    Files.writeString(script, """
        out="$OUT/$SHOTCLOCK_RUN_ID"
        mkdir -p "$out"
        printf '%s' "$1" > "$out/arg1"
        printf '%s' "$2" > "$out/arg2"
        printf '%s' "$#" > "$out/argc"
        printf '%s' "$SHOTCLOCK_PARAM_value" > "$out/env"
        """);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    daemon = DaemonFixture.start(dir, TestStores.Kind.H2, Clock.systemUTC(),
        workflow(WORKFLOW).params(Map.of("value", "")).overlap(OverlapPolicy.ALLOW).cwd(dir)
            .step(step("copy").run("sh", script.toString(), "${param.value}", "<${param.value}>")
                .env(Map.of("OUT", out.toString())))
            .build());
    http = new RawHttp(daemon.daemon().adminPort(), 10_000);
    token = Files.readString(daemon.stateDir().resolve(AdminTokens.TOKEN_FILE)).trim();
  }

  @AfterAll
  void stopDaemon() {
    if (daemon != null) {
      daemon.close();
    }
  }

  /** Values an interpreter anywhere on the way would mangle or act on. */
  static Map<String, String> hostileValues() {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("semicolon", "a; touch " + PWNED);
    v.put("and-and", "a && touch " + PWNED);
    v.put("or-or", "false || touch " + PWNED);
    v.put("pipe and redirect", "a | tee " + PWNED + " > " + PWNED);
    v.put("command substitution", "$(touch " + PWNED + ")");
    v.put("backticks", "`touch " + PWNED + "`");
    v.put("variable", "$HOME");
    v.put("braced variable", "${HOME}");
    v.put("a parameter reference", "${param.value}");
    v.put("arithmetic", "$((6*7))");
    v.put("single and double quotes", "it's \"quoted\" ''\"\"");
    v.put("newlines", "line one\nline two\n");
    v.put("carriage return and tab", "a\r\nb\tc");
    v.put("leading dash", "-rf");
    v.put("leading double dash", "--help");
    v.put("star", "*");
    v.put("glob", "../* /etc/pass?d [a-z]*");
    v.put("backslashes", "C:\\dir\\new \\$HOME \\\\");
    v.put("printf format", "%s %d %n %%");
    v.put("leading and trailing spaces", "  two  spaces ");
    v.put("empty", "");
    v.put("unicode", "é ✓ 😀 \u202e");
    v.put("json", "{\"a\": [1, \"b\"]}");
    v.put("10 KB", tenKilobytes());
    return v;
  }

  private static String tenKilobytes() {
    String unit = "; $(touch " + PWNED + ") `id` && \"'\\\n*-$HOME|>";
    StringBuilder sb = new StringBuilder();
    while (sb.length() < 10 * 1024) {
      sb.append(unit);
    }
    return sb.substring(0, 10 * 1024);
  }

  private long trigger(String value) throws IOException {
    String body = JSON.writeValueAsString(Map.of("params", Map.of("value", value)));
    RawHttp.Response r = http.send(RawHttp.post("/api/v1/workflows/" + WORKFLOW + "/trigger").bearer(token)
        .json(body));
    assertThat(r.status()).as("%s", r).isEqualTo(202);
    return r.json().path("run_id").asLong();
  }

  private byte[] written(long runId, String name) throws IOException {
    return Files.readAllBytes(out.resolve(Long.toString(runId)).resolve(name));
  }

  @Test
  void hostile_values_reach_the_child_as_literal_argv_elements_and_environment_byte_for_byte()
      throws IOException {
    Map<String, Long> runs = new LinkedHashMap<>();
    for (Map.Entry<String, String> value : hostileValues().entrySet()) {
      runs.put(value.getKey(), trigger(value.getValue()));
    }

    for (Map.Entry<String, String> value : hostileValues().entrySet()) {
      String name = value.getKey();
      byte[] expected = value.getValue().getBytes(StandardCharsets.UTF_8);
      long runId = runs.get(name);
      RunRecord run = daemon.awaitEnd(runId, Duration.ofSeconds(60));
      assertThat(run.state()).as("%s: %s", name, run.error()).isEqualTo(RunState.SUCCEEDED);
      assertThat(run.params()).as("%s: stored", name).containsEntry("value", value.getValue());
      assertThat(written(runId, "argc")).as("%s: argument count", name).asString().isEqualTo("2");
      assertThat(written(runId, "arg1")).as("%s: $1", name).isEqualTo(expected);
      assertThat(written(runId, "arg2")).as("%s: $2", name)
          .isEqualTo(("<" + value.getValue() + ">").getBytes(StandardCharsets.UTF_8));
      assertThat(written(runId, "env")).as("%s: SHOTCLOCK_PARAM_value", name).isEqualTo(expected);
    }
    try (Stream<Path> files = Files.walk(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).as("nothing was interpreted").doesNotContain(PWNED);
    }
  }

  /** {@code sun.jnu.encoding} of a JVM started by bin/'s shell code in a bare C locale. */
  private static String jvmCharsetUnderTheCLocale(boolean withTheGuard) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String script = "source " + Installation.HOME.resolve("bin/common.sh") + "; "
        + (withTheGuard ? "shotclock_utf8_locale; " : "")
        + "exec " + java + " -XshowSettings:properties -version";
    Installation.Result r = Installation.run(
        List.of("env", "-i", "PATH=" + System.getenv("PATH"), "LANG=C", "bash", "-c", script), Map.of());
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    return r.stderr().lines().filter(l -> l.contains("sun.jnu.encoding"))
        .map(l -> l.substring(l.indexOf('=') + 1).trim()).findFirst().orElseThrow();
  }

  @Test
  void the_bin_scripts_give_the_jvm_a_utf8_locale_so_non_ascii_values_are_not_turned_into_question_marks()
      throws Exception {
    // Under LANG=C the JVM would hand "é" to a child as '?': shown here, then the guard.
    assertThat(jvmCharsetUnderTheCLocale(false)).isNotEqualTo("UTF-8");
    assertThat(jvmCharsetUnderTheCLocale(true)).isEqualTo("UTF-8");
  }

  @Test
  void a_value_with_a_nul_character_is_refused_by_the_api() throws IOException {
    RawHttp.Response r = http.send(RawHttp.post("/api/v1/workflows/" + WORKFLOW + "/trigger").bearer(token)
        .json("{\"params\": {\"value\": \"a\\u0000b\"}}"));
    assertThat(r.status()).as("%s", r).isEqualTo(400);
    assertThat(r.json().path("error").asText()).contains("param value").contains("NUL");
  }

  @Test
  void a_value_with_a_nul_character_that_gets_past_the_api_fails_its_step_cleanly() {
    // As a queued task or a stored run would: straight to admission, no API in between.
    long runId = daemon.trigger(WORKFLOW, Map.of("value", "a\0b"));

    RunRecord run = daemon.awaitEnd(runId, Duration.ofSeconds(30));

    assertThat(run.state()).isEqualTo(RunState.FAILED);
    List<StepRunRecord> steps = daemon.steps(runId);
    assertThat(steps).singleElement().satisfies(s -> {
      assertThat(s.state()).isEqualTo(StepState.FAILED);
      assertThat(s.finishedAt()).as("the try is recorded as ended").isNotNull();
      assertThat(s.error()).contains("NUL").contains("SHOTCLOCK_PARAM_value").doesNotContain("\0");
    });
  }
}
