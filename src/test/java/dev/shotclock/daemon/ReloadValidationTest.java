package dev.shotclock.daemon;

import static dev.shotclock.testsupport.RawHttp.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shotclock.config.ShotClockConfig;
import dev.shotclock.config.WorkflowDef;
import dev.shotclock.history.RunRecord;
import dev.shotclock.history.RunState;
import dev.shotclock.testsupport.DaemonFixture;
import dev.shotclock.testsupport.RawHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reload against a daemon started from a real YAML directory: broken edits of a workflow file or of
 * shotclock.yaml are each refused with their file, line and field, and leave the configuration in
 * force untouched (same workflows, same Quartz next fire times); a valid edit is in force at once;
 * a run going during a reload finishes as it started.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReloadValidationTest {

  private static final String SETTINGS = """
      node_id: test-node
      admin: { port: 0 }
      scheduler: { threads: 4, shutdown_grace: 10s, kill_grace: 2s }
      """;

  /** The workflow the broken edits are made to; the line numbers below are the ones asserted. */
  private static final String NIGHTLY = """
      id: nightly
      description: the workflow the broken edits are made to
      triggers:
        - cron: "0 3 1 1 *"
          timezone: America/Chicago
      params:
        day: today
      steps:
        - id: fetch
          run: ["sh", "-c", "echo fetch $0", "${param.day}"]
          timeout: 1m
        - id: report
          run: ["echo", "report"]
          depends_on: [fetch]
      """;

  /**
   * A second workflow, untouched by the broken edits, whose step sleeps 3 s and then waits for the
   * test to create the file ${GATE}: so its run is surely still going while the test reloads.
   */
  private static final String SLOW = """
      id: slow
      triggers:
        - cron: "30 4 1 7 *"
      steps:
        - id: work
          run: ["sh", "-c", "sleep 3; until [ -e $0 ]; do sleep 0.1; done; echo finished-as-started", "${GATE}"]
      """;

  private Path conf;
  private Path gate;
  private DaemonFixture daemon;

  @BeforeAll
  void startDaemon(@TempDir Path dir) throws IOException {
    conf = dir.resolve("conf");
    gate = dir.resolve("gate");
    Files.createDirectories(conf.resolve("workflows"));
    writeBaseline();
    daemon = DaemonFixture.startFromConfigDir(conf,
        Map.of("PATH", System.getenv("PATH"), "GATE", gate.toString()), Clock.systemUTC());
    assertThat(ids(daemon.daemon().config())).containsExactly("nightly", "slow");
  }

  @AfterAll
  void stopDaemon() {
    if (daemon != null) {
      daemon.close();
    }
  }

  /** Each test starts from the baseline files, in force. */
  @AfterEach
  void restoreBaseline() throws IOException {
    Files.deleteIfExists(gate);
    Files.deleteIfExists(conf.resolve("sources.yaml"));
    try (Stream<Path> files = Files.list(conf.resolve("workflows"))) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
    writeBaseline();
    ReloadResult r = daemon.daemon().reload(false);
    assertThat(r.problems()).as("the baseline reloads").isEmpty();
  }

  private void writeBaseline() throws IOException {
    write("shotclock.yaml", SETTINGS);
    write("workflows/nightly.yaml", NIGHTLY);
    write("workflows/slow.yaml", SLOW);
  }

  private void write(String relative, String content) {
    write(relative, content.getBytes(StandardCharsets.UTF_8));
  }

  private void write(String relative, byte[] content) {
    try {
      Path file = conf.resolve(relative);
      Files.deleteIfExists(file); // a fresh file: mode 0644 and our owner, whatever the last edit did
      Files.write(file, content);
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> ids(ShotClockConfig config) {
    return config.workflows().stream().map(WorkflowDef::id).toList();
  }

  /** What a reload must not change: the configuration object, its workflows, their next fires. */
  private record InForce(ShotClockConfig config, List<String> ids, Map<String, Optional<Instant>> nextFires) {}

  private InForce inForce() {
    ShotClockConfig config = daemon.daemon().config();
    Map<String, Optional<Instant>> next = new LinkedHashMap<>();
    for (String id : List.of("nightly", "slow", "other", "copy")) {
      next.put(id, daemon.daemon().quartz().nextFireTime(id));
    }
    return new InForce(config, ids(config), next);
  }

  // ---------------------------------------------------------------- broken edits

  /**
   * A broken edit: what it does to the files, and the {@code file:line field} text (or, where the
   * loader knows no line or field, the file and the reason) that must appear among the problems.
   */
  record Edit(String name, Consumer<ReloadValidationTest> apply, List<String> expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Edit nightly(String name, String from, String to, String... expected) {
    return new Edit(name, t -> t.write("workflows/nightly.yaml", replace(NIGHTLY, from, to)), List.of(expected));
  }

  private static Edit nightlyIs(String name, String content, String... expected) {
    return new Edit(name, t -> t.write("workflows/nightly.yaml", content), List.of(expected));
  }

  private static Edit settings(String name, String content, String... expected) {
    return new Edit(name, t -> t.write("shotclock.yaml", content), List.of(expected));
  }

  private static String replace(String text, String from, String to) {
    if (!text.contains(from)) {
      throw new IllegalArgumentException("the baseline has no '" + from + "'");
    }
    return text.replace(from, to);
  }

  private static final String W = "conf/workflows/nightly.yaml";

  static Stream<Edit> brokenEdits() {
    return Stream.of(
        nightlyIs("truncated YAML", NIGHTLY.substring(0, NIGHTLY.indexOf("\"-c\"")),
            W + ":10 invalid YAML: "),
        nightly("tab indentation", "  - id: report", "\t- id: report", W + ":12 invalid YAML: "),
        nightly("wrong type: a list for a duration", "timeout: 1m", "timeout: [1m]",
            W + ":11 steps[0].timeout: expected a duration like 90s, got a list"),
        nightly("wrong type: a mapping for steps", "steps:\n", "steps: {fetch: 1}\nxsteps:\n",
            W + ":8 steps: expected a list, got a mapping"),
        nightly("wrong type: a number for critical", "timeout: 1m", "critical: 1",
            W + ":11 steps[0].critical: expected true or false, got '1'"),
        nightly("unknown key", "timeout: 1m", "timout: 1m",
            W + ":11 steps[0]: unknown key 'timout'; did you mean 'timeout'?"),
        nightly("unknown top-level key", "description:", "descripton:",
            W + ":2 unknown key 'descripton'; did you mean 'description'?"),
        nightly("bad cron", "0 3 1 1 *", "0 3 1 13 *", W + ":4 triggers[0].cron: invalid cron '0 3 1 13 *': Month values must be between 1 and 12"),
        nightly("cron with too many fields", "0 3 1 1 *", "0 0 3 1 1 ? 2030 extra",
            W + ":4 triggers[0].cron: invalid cron '0 0 3 1 1 ? 2030 extra': has 8 fields"),
        nightly("bad time zone", "America/Chicago", "America/Chicgo", W + ":5 triggers[0].timezone: unknown time zone 'America/Chicgo'"),
        new Edit("duplicate workflow id across two files",
            t -> t.write("workflows/copy.yaml", NIGHTLY), List.of(W + ":1 id: duplicate workflow id 'nightly': also defined in conf/workflows/copy.yaml:1")),
        nightly("dependency cycle", "  - id: fetch\n", "  - id: fetch\n    depends_on: [report]\n",
            W + ":10 steps[0].depends_on: dependency cycle: fetch -> report -> fetch"),
        nightly("dangling dependency", "depends_on: [fetch]", "depends_on: [fetch, bbref]",
            W + ":14 steps[1].depends_on[1]: unknown step 'bbref'"),
        nightly("self dependency", "depends_on: [fetch]", "depends_on: [report]",
            W + ":14 steps[1].depends_on[0]: step 'report' cannot depend on itself"),
        nightly("unknown dependency mode", "depends_on: [fetch]", "depends_on: {fetch: finished}",
            W + ":14 steps[1].depends_on.fetch: 'finished' is not one of succeeded, completed"),
        nightly("quorum larger than of", "depends_on: [fetch]", "depends_on: {quorum: 2, of: [fetch]}",
            W + ":14 steps[1].depends_on.quorum: must be at most 1"),
        nightly("negative duration", "timeout: 1m", "timeout: -1m",
            W + ":11 steps[0].timeout: must not be negative"),
        nightly("bare number duration", "timeout: 1m", "timeout: 90", W + ":11 steps[0].timeout: add a unit: 90s"),
        nightly("zero timeout", "timeout: 1m", "timeout: 0s", W + ":11 steps[0].timeout: must be more than 0"),
        nightly("overflowing duration", "timeout: 1m", "timeout: 1d9223372036854775807s",
            W + ":11 steps[0].timeout: duration '1d9223372036854775807s' is too large"),
        nightly("undeclared parameter", "${param.day}", "${param.night}",
            W + ":10 steps[0].run[3]: ${param.night} is not declared in params"),
        nightly("undefined environment variable", "\"echo\", \"report\"", "\"${NO_SUCH_VAR}\", \"report\"",
            W + ":13 steps[1].run[0]: undefined variable ${NO_SUCH_VAR}"),
        nightly("run as a shell string", "run: [\"echo\", \"report\"]", "run: echo report",
            W + ":13 steps[1].run: run must be an argv list, not a shell string"),
        nightly("empty run", "run: [\"echo\", \"report\"]", "run: []", W + ":13 steps[1].run: must not be empty"),
        nightlyIs("empty steps", NIGHTLY.substring(0, NIGHTLY.indexOf("steps:")) + "steps: []\n",
            W + ":8 steps: must not be empty"),
        nightly("a step without an action", "    run: [\"echo\", \"report\"]\n", "",
            W + ":12 steps[1]: step needs an action"),
        nightly("duplicate step id", "id: report", "id: fetch", W + ":12 steps[1].id: duplicate step id 'fetch' (first at steps[0].id, line 9)"),
        nightly("duplicate key", "timeout: 1m", "timeout: 1m\n    timeout: 2m",
            W + ":12 steps[0].timeout: duplicate key (first on line 11)"),
        nightly("missing workflow id", "id: nightly\n", "", W + ":1 id: is required"),
        nightly("invalid workflow id", "id: nightly\n", "id: Nightly Job!\n", W + ":1 id: must be 1 to 100"),
        nightly("unknown overlap policy", "params:", "overlap: sometimes\nparams:",
            W + ":6 overlap: 'sometimes' is not one of"),
        nightly("unknown catch-up policy", "params:", "catch_up: {policy: sometimes}\nparams:",
            W + ":6 catch_up.policy: 'sometimes' is not one of none, once, all"),
        nightly("retry attempts out of range", "timeout: 1m", "retry: {max_attempts: 0}",
            W + ":11 steps[0].retry.max_attempts: must be between 1 and 100"),
        nightly("broken result predicate", "timeout: 1m", "success: {predicate: \"errors <\"}",
            W + ":11 steps[0].success.predicate: invalid predicate at position 9"),
        nightly("a string of 1 MB", "description: the workflow the broken edits are made to",
            "description: " + "x".repeat(1024 * 1024),
            W + ":2 description: longer than 65536 characters (1048576)"),
        nightly("nesting 1000 deep", "  day: today", "  day: " + "[".repeat(1000) + "]".repeat(1000),
            W + ":7 invalid YAML: Document nesting depth (1001) exceeds the maximum allowed (1000)"),
        nightlyIs("a YAML alias bomb", aliasBomb(),
            W + ":5 params.l1[0]: YAML aliases (*l0) are not supported"),
        nightly("a second YAML document", "  day: today\n", "  day: today\n---\nid: other\n",
            W + ":9 a file holds one YAML document; a second one starts here"),
        nightlyIs("a list instead of a mapping", "- id: nightly\n", W + ":1 expected a mapping"),
        nightlyIs("bytes that are not text", "id: \u0000\u0001\u0002\n",
            W + ":1 invalid YAML: special characters are not allowed"),
        new Edit("world-writable file", t -> t.chmod("workflows/nightly.yaml", "rw-rw-rw-"),
            List.of(W + " refused: the file is world-writable")),
        new Edit("owned by another user", t -> t.chown("workflows/nightly.yaml", "nobody"),
            List.of(W + " refused: the file is owned by nobody")),
        new Edit("world-writable shotclock.yaml", t -> t.chmod("shotclock.yaml", "rw-rw-rw-"),
            List.of("conf/shotclock.yaml refused: the file is world-writable")),
        settings("shotclock.yaml: truncated", SETTINGS.substring(0, SETTINGS.indexOf("threads")),
            "conf/shotclock.yaml:3 invalid YAML: "),
        settings("shotclock.yaml: wrong type", SETTINGS.replace("threads: 4", "threads: many"),
            "conf/shotclock.yaml:3 scheduler.threads: expected a whole number, got 'many'"),
        settings("shotclock.yaml: unknown key", SETTINGS + "schedular: {}\n",
            "conf/shotclock.yaml:4 unknown key 'schedular'; did you mean 'scheduler'?"),
        settings("shotclock.yaml: bad time zone", SETTINGS.replace("kill_grace: 2s", "kill_grace: 2s, time_zone: Mars/Olympus"),
            "conf/shotclock.yaml:3 scheduler.time_zone: unknown time zone 'Mars/Olympus'"),
        settings("shotclock.yaml: negative duration", SETTINGS.replace("kill_grace: 2s", "kill_grace: -2s"),
            "conf/shotclock.yaml:3 scheduler.kill_grace: must not be negative"));
  }

  /** Nine levels of nine aliases each: 9^9 strings if anything expanded them. */
  private static String aliasBomb() {
    StringBuilder sb = new StringBuilder("id: nightly\nsteps: [{id: s, run: [x]}]\nparams:\n  l0: &l0 lol\n");
    for (int level = 1; level <= 9; level++) {
      sb.append("  l").append(level).append(": &l").append(level).append(" [");
      for (int i = 0; i < 9; i++) {
        sb.append(i > 0 ? ", " : "").append("*l").append(level - 1);
      }
      sb.append("]\n");
    }
    return sb.toString();
  }

  private void chmod(String relative, String mode) {
    try {
      Files.setPosixFilePermissions(conf.resolve(relative), PosixFilePermissions.fromString(mode));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void chown(String relative, String user) {
    assumeTrue("root".equals(System.getProperty("user.name")), "only root can give a file away");
    try {
      Path file = conf.resolve(relative);
      UserPrincipal owner = file.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user);
      Files.setOwner(file, owner);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenEdits")
  void a_broken_edit_is_refused_with_its_file_line_and_field_and_nothing_changes(Edit edit) {
    InForce before = inForce();
    edit.apply().accept(this);

    ReloadResult r = daemon.daemon().reload(false);

    assertThat(r.valid()).as("reload of '%s' is refused", edit).isFalse();
    assertThat(r.applied()).isFalse();
    for (String expected : edit.expected()) {
      assertThat(r.problems()).as("problems of '%s'", edit).anySatisfy(p -> assertThat(p).contains(expected));
    }
    assertThat(r.problems()).as("every problem names a file").allSatisfy(p -> assertThat(p).startsWith("conf/"));
    InForce after = inForce();
    assertThat(after.config()).as("the configuration in force").isSameAs(before.config());
    assertThat(after.ids()).containsExactly("nightly", "slow");
    assertThat(after.nextFires()).isEqualTo(before.nextFires());
  }

  @Test
  void there_are_at_least_30_broken_edits() {
    assertThat(brokenEdits()).hasSizeGreaterThanOrEqualTo(30);
  }

  @Test
  void the_admin_api_answers_a_broken_reload_with_400_and_every_problem() throws Exception {
    write("workflows/nightly.yaml", replace(replace(NIGHTLY, "timeout: 1m", "timout: 1m"),
        "America/Chicago", "America/Chicgo"));
    InForce before = inForce();

    RawHttp.Response r = http().send(post("/api/v1/reload").bearer(token()).json("{}"));

    assertThat(r.status()).as("%s", r).isEqualTo(400);
    JsonNode body = r.json();
    assertThat(body.path("error").asText()).contains("nothing changed");
    assertThat(body.path("details")).extracting(JsonNode::asText).containsExactlyInAnyOrder(
        W + ":5 triggers[0].timezone: unknown time zone 'America/Chicgo'; did you mean 'America/Chicago'?",
        W + ":11 steps[0]: unknown key 'timout'; did you mean 'timeout'?");
    assertThat(inForce()).isEqualTo(before);
  }

  // ---------------------------------------------------------------- valid edits

  @Test
  void a_valid_edit_of_a_cron_is_in_force_within_5_seconds() throws Exception {
    Instant oldNext = daemon.daemon().quartz().nextFireTime("nightly").orElseThrow();
    write("workflows/nightly.yaml", replace(NIGHTLY, "0 3 1 1 *", "15 5 2 2 *"));

    RawHttp.Response r = http().send(post("/api/v1/reload").bearer(token()).json("{}"));
    assertThat(r.status()).as("%s", r).isEqualTo(200);
    assertThat(r.json().path("changed")).extracting(JsonNode::asText).containsExactly("nightly");

    Instant expected = nextAt(5, 15, 2, 2, ZoneId.of("America/Chicago"));
    await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
        .until(() -> daemon.daemon().quartz().nextFireTime("nightly").orElse(null), expected::equals);
    assertThat(expected).isNotEqualTo(oldNext);
    assertThat(daemon.daemon().config().workflow("nightly").orElseThrow().triggers().get(0).cron())
        .isEqualTo("15 5 2 2 *");
  }

  @Test
  void adding_sources_yaml_is_reported_and_in_force_and_an_unchanged_reload_says_so() throws Exception {
    write("sources.yaml", "sources:\n  espn: { workflow: nightly, max_concurrent: 3 }\n");

    RawHttp.Response r = http().send(post("/api/v1/reload").bearer(token()).json("{}"));
    assertThat(r.status()).as("%s", r).isEqualTo(200);
    assertThat(r.json().path("sources_changed").asBoolean()).isTrue();
    assertThat(daemon.daemon().config().sources().source("espn").orElseThrow().maxConcurrent()).isEqualTo(3);

    RawHttp.Response again = http().send(post("/api/v1/reload").bearer(token()).json("{}"));
    assertThat(again.json().path("sources_changed").asBoolean()).isFalse();
  }

  /** The next {@code month/day hour:minute} in {@code zone}, after now. */
  private static Instant nextAt(int hour, int minute, int day, int month, ZoneId zone) {
    ZonedDateTime now = ZonedDateTime.now(zone);
    ZonedDateTime t = now.withMonth(month).withDayOfMonth(day).withHour(hour).withMinute(minute)
        .withSecond(0).withNano(0);
    return (t.isAfter(now) ? t : t.plusYears(1)).toInstant();
  }

  @Test
  void a_run_in_progress_survives_a_broken_and_a_valid_reload_and_ends_as_it_started() throws Exception {
    long runId = daemon.trigger("slow", Map.of());
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
        .until(() -> daemon.runs().find(runId).orElseThrow().state() == RunState.RUNNING);

    write("workflows/slow.yaml", replace(SLOW, "echo finished-as-started", "echo edited"));
    write("workflows/nightly.yaml", "id: [broken\n");
    assertThat(daemon.daemon().reload(false).valid()).isFalse();
    write("workflows/nightly.yaml", NIGHTLY);
    ReloadResult valid = daemon.daemon().reload(false);
    assertThat(valid.applied()).isTrue();
    assertThat(valid.diff().changed()).containsExactly("slow");
    assertThat(daemon.runs().find(runId).orElseThrow().state()).as("still running after the reloads")
        .isEqualTo(RunState.RUNNING);

    Files.createFile(gate);
    RunRecord run = daemon.awaitEnd(runId, Duration.ofSeconds(30));
    assertThat(run.state()).isEqualTo(RunState.SUCCEEDED);
    assertThat(Files.readString(Path.of(run.logPath()))).contains("finished-as-started").doesNotContain("edited");
  }

  @Test
  void a_run_in_progress_survives_the_removal_of_its_workflow() throws Exception {
    long runId = daemon.trigger("slow", Map.of());
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
        .until(() -> daemon.runs().find(runId).orElseThrow().state() == RunState.RUNNING);

    Files.delete(conf.resolve("workflows/slow.yaml"));
    ReloadResult r = daemon.daemon().reload(false);
    assertThat(r.diff().removed()).containsExactly("slow");
    assertThat(daemon.daemon().quartz().nextFireTime("slow")).isEmpty();
    assertThat(daemon.runs().find(runId).orElseThrow().state()).isEqualTo(RunState.RUNNING);

    Files.createFile(gate);
    assertThat(daemon.awaitEnd(runId, Duration.ofSeconds(30)).state()).isEqualTo(RunState.SUCCEEDED);
  }

  private RawHttp http() {
    return new RawHttp(daemon.daemon().adminPort(), 10_000);
  }

  private String token() throws IOException {
    return Files.readString(daemon.stateDir().resolve("admin.token")).trim();
  }
}
