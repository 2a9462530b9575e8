package dev.shotclock.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkflowLoadingTest {

  @TempDir Path tmp;

  private static final String MINIMAL =
      """
      id: minimal
      steps:
        - id: only
          run: [true]
      """;

  @Test
  void a_full_workflow_is_bound_field_by_field() {
    ConfigDir dir =
        new ConfigDir(tmp)
            .environment(Map.of("PYTHON", "/usr/bin/python3", "NBA_HOME", "/srv/nba"));
    dir.workflow(
        "overnight.yaml",
        """
        id: overnight-unified
        description: Multi-source scrape, unified DB rebuild
        triggers:
          - cron: "0 3 * * *"
            timezone: America/Chicago
            jitter: 30s
          - cron: "0 0 12 ? * SUN"
        catch_up: { policy: all, max_lateness: 2h }
        overlap: queue
        timeout: 2h
        retry: { max_attempts: 2, backoff: 10s }
        on_crash: fail
        params: { days: 14, season: "2024-25", full: false }
        env: { TZ: UTC, LEVEL: 3 }
        env_file: ${NBA_HOME}/.env
        cwd: ${NBA_HOME}
        steps:
          - id: espn
            run: ["${PYTHON}", scripts/espn.py, --days, "${param.days}", 14]
            cwd: scripts
            env: { SOURCE: espn }
            env_file: espn.env
            timeout: 1h
            critical: false
            locks: ["source:espn", "db/unified"]
            retry: { max_attempts: 3, backoff: 60s, factor: 2, max_backoff: 30m, jitter: 20% }
            success:
              warning_exit_codes: [3, 4]
              non_retryable_exit_codes: [2, 64]
              predicate: errors / items <= 0.1
          - id: hoopr
            run: [Rscript, hoopr.R]
          - id: mapping
            run: ["${PYTHON}", mapping.py]
            depends_on: { espn: completed, hoopr: succeeded }
          - id: validate
            run: ["${PYTHON}", validate.py]
            depends_on: { quorum: 1, of: [espn, hoopr] }
        """);

    WorkflowDef w = dir.loadWorkflow("overnight-unified");

    Path conf = dir.dir;
    assertThat(w.description()).isEqualTo("Multi-source scrape, unified DB rebuild");
    assertThat(w.triggers())
        .containsExactly(
            new TriggerDef("0 3 * * *", ZoneId.of("America/Chicago"), Duration.ofSeconds(30)),
            new TriggerDef("0 0 12 ? * SUN", ZoneId.of("UTC"), Duration.ZERO));
    assertThat(w.catchUp()).isEqualTo(new CatchUp(CatchUpPolicy.ALL, Duration.ofHours(2)));
    assertThat(w.overlap()).isEqualTo(OverlapPolicy.QUEUE);
    assertThat(w.timeout()).isEqualTo(Duration.ofHours(2));
    assertThat(w.retry())
        .isEqualTo(new RetrySpec(2, Duration.ofSeconds(10), 2.0, Duration.ofMinutes(30), 0.0));
    assertThat(w.onCrash()).isEqualTo(CrashPolicy.FAIL);
    assertThat(w.params()).isEqualTo(Map.of("days", "14", "season", "2024-25", "full", "false"));
    assertThat(w.env()).isEqualTo(Map.of("TZ", "UTC", "LEVEL", "3"));
    assertThat(w.envFile()).isEqualTo(Path.of("/srv/nba/.env"));
    assertThat(w.cwd()).isEqualTo(Path.of("/srv/nba"));
    assertThat(w.sourceFile()).isEqualTo(conf.resolve("workflows/overnight.yaml"));

    StepDef espn = w.step("espn").orElseThrow();
    assertThat(espn.action())
        .isEqualTo(
            new StepAction.Run(
                List.of("/usr/bin/python3", "scripts/espn.py", "--days", "${param.days}", "14")));
    assertThat(espn.cwd()).isEqualTo(conf.resolve("scripts"));
    assertThat(espn.env()).isEqualTo(Map.of("SOURCE", "espn"));
    assertThat(espn.envFile()).isEqualTo(conf.resolve("espn.env"));
    assertThat(espn.timeout()).isEqualTo(Duration.ofHours(1));
    assertThat(espn.critical()).isFalse();
    assertThat(espn.locks()).containsExactly("source:espn", "db/unified");
    assertThat(espn.retry())
        .isEqualTo(new RetrySpec(3, Duration.ofSeconds(60), 2.0, Duration.ofMinutes(30), 0.2));
    assertThat(espn.success().warningExitCodes()).isEqualTo(Set.of(3, 4));
    assertThat(espn.success().nonRetryableExitCodes()).isEqualTo(Set.of(2, 64));
    assertThat(espn.success().predicate())
        .isEqualTo(ResultPredicate.parse("errors / items <= 0.1"));

    assertThat(w.step("mapping").orElseThrow().dependsOn())
        .isEqualTo(
            new DependsOn(
                Map.of("espn", DependencyMode.COMPLETED, "hoopr", DependencyMode.SUCCEEDED), null));
    assertThat(w.step("validate").orElseThrow().dependsOn())
        .isEqualTo(new DependsOn(Map.of(), new DependsOn.Quorum(1, List.of("espn", "hoopr"))));
  }

  @Test
  void a_minimal_workflow_gets_every_default() {
    ConfigDir dir = new ConfigDir(tmp).workflow("minimal.yaml", MINIMAL);

    WorkflowDef w = dir.loadWorkflow("minimal");

    assertThat(w.description()).isEmpty();
    assertThat(w.triggers()).isEmpty();
    assertThat(w.catchUp()).isEqualTo(new CatchUp(CatchUpPolicy.ONCE, Duration.ofHours(6)));
    assertThat(w.overlap()).isEqualTo(OverlapPolicy.FORBID);
    assertThat(w.timeout()).isNull();
    assertThat(w.retry()).isEqualTo(RetrySpec.NONE);
    assertThat(w.onCrash()).isEqualTo(CrashPolicy.RERUN);
    assertThat(w.params()).isEmpty();
    assertThat(w.env()).isEmpty();
    assertThat(w.envFile()).isNull();
    assertThat(w.cwd()).isEqualTo(dir.dir);
    assertThat(w.steps())
        .containsExactly(
            new StepDef(
                "only",
                new StepAction.Run(List.of("true")),
                null,
                Map.of(),
                null,
                null,
                true,
                DependsOn.NONE,
                List.of(),
                RetrySpec.NONE,
                SuccessRules.DEFAULT,
                null));
  }

  @Test
  void triggers_default_to_the_scheduler_time_zone() {
    ConfigDir dir =
        new ConfigDir(tmp)
            .settings("scheduler: {time_zone: Europe/Paris}\n")
            .workflow(
                "w.yaml", "id: w\ntriggers: [{cron: \"0 3 * * *\"}]\nsteps: [{id: s, run: [x]}]\n");

    assertThat(dir.loadWorkflow("w").triggers().get(0).timezone())
        .isEqualTo(ZoneId.of("Europe/Paris"));
  }

  @Test
  void catch_up_may_be_just_the_policy() {
    ConfigDir dir =
        new ConfigDir(tmp)
            .workflow("w.yaml", "id: w\ncatch_up: none\nsteps: [{id: s, run: [x]}]\n");

    assertThat(dir.loadWorkflow("w").catchUp())
        .isEqualTo(new CatchUp(CatchUpPolicy.NONE, Duration.ofHours(6)));
  }

  @Test
  void yaml_and_yml_files_are_loaded_in_name_order_and_others_ignored() {
    ConfigDir dir =
        new ConfigDir(tmp)
            .workflow("b.yml", MINIMAL.replace("minimal", "bee"))
            .workflow("a.yaml", MINIMAL.replace("minimal", "ay"))
            .workflow("c.yaml.bak", "not: [valid")
            .workflow("README.md", "# notes")
            .workflow(".#a.yaml", "lock file of an editor");

    assertThat(dir.load().workflows()).extracting(WorkflowDef::id).containsExactly("ay", "bee");
  }

  @Test
  void argv_numbers_and_booleans_become_strings_as_written() {
    ConfigDir dir =
        new ConfigDir(tmp)
            .workflow("w.yaml", "id: w\nsteps: [{id: s, run: [sleep, 007, 1.50, yes]}]\n");

    assertThat(dir.loadWorkflow("w").steps().get(0).action())
        .isEqualTo(new StepAction.Run(List.of("sleep", "007", "1.50", "yes")));
  }

  @Test
  void every_workflow_level_mistake_is_reported() {
    assertThat(
            new ConfigDir(tmp)
                .workflow(
                    "w.yaml",
                    """
                    id: Nightly_Job
                    triggers:
                      - cron: "0 3 * *"
                        timezone: Mars/Olympus
                        jitter: -1s
                      - timezone: UTC
                    catch_up: { policy: sometimes, max_lateness: 0s }
                    overlap: forbd
                    timeout: 90
                    on_crash: retry
                    params: { 1st: a, ok: }
                    env: { BAD-NAME: x, LIST: [1] }
                    steps: []
                    """)
                .problems())
        .containsExactly(
            "conf/workflows/w.yaml:1 id: must be 1 to 100 of a-z, 0-9, '.', '_', '-', starting with"
                + " a letter or digit, got 'Nightly_Job'",
            "conf/workflows/w.yaml:3 triggers[0].cron: invalid cron '0 3 * *': expected 5 to 7"
                + " fields, found 4",
            "conf/workflows/w.yaml:4 triggers[0].timezone: unknown time zone 'Mars/Olympus'",
            "conf/workflows/w.yaml:5 triggers[0].jitter: must not be negative",
            "conf/workflows/w.yaml:6 triggers[1].cron: is required",
            "conf/workflows/w.yaml:7 catch_up.policy: 'sometimes' is not one of none, once, all",
            "conf/workflows/w.yaml:7 catch_up.max_lateness: must be more than 0, got '0s'",
            "conf/workflows/w.yaml:8 overlap: 'forbd' is not one of forbid, queue, replace, allow;"
                + " did you mean 'forbid'?",
            "conf/workflows/w.yaml:9 timeout: add a unit: 90s",
            "conf/workflows/w.yaml:10 on_crash: 'retry' is not one of rerun, fail",
            "conf/workflows/w.yaml:11 params.1st: invalid name '1st': use letters, digits and _,"
                + " not starting with a digit",
            "conf/workflows/w.yaml:11 params.ok: needs a value (write \"\" for an empty one)",
            "conf/workflows/w.yaml:12 env.BAD-NAME: invalid name 'BAD-NAME': use letters, digits"
                + " and _, not starting with a digit",
            "conf/workflows/w.yaml:12 env.LIST: expected a text value, got a list",
            "conf/workflows/w.yaml:13 steps: must not be empty");
  }

  @Test
  void a_workflow_without_id_or_steps_is_reported() {
    assertThat(new ConfigDir(tmp).workflow("w.yaml", "description: nothing else\n").problems())
        .containsExactly(
            "conf/workflows/w.yaml:1 id: is required",
            "conf/workflows/w.yaml:1 steps: is required");
  }

  @Test
  void triggers_must_be_a_list() {
    assertThat(
            new ConfigDir(tmp).workflow("w.yaml", MINIMAL + "triggers: \"0 3 * * *\"\n").problems())
        .containsExactly("conf/workflows/w.yaml:5 triggers: expected a list, got '0 3 * * *'");
  }

  @Test
  void every_step_level_mistake_is_reported() {
    assertThat(
            new ConfigDir(tmp)
                .workflow(
                    "w.yaml",
                    """
                    id: w
                    steps:
                      - run: [x]
                      - id: Bad
                        run: python3 scripts/etl.py --days 14
                      - id: no-action
                        timeout: 0s
                      - id: empty
                        run: []
                      - id: blank
                        run: ["  ", ~]
                        critical: sometimes
                        locks: ["source espn"]
                      - id: map
                        run: {program: x}
                        timout: 5m
                    """)
                .problems())
        .containsExactly(
            "conf/workflows/w.yaml:3 steps[0].id: is required",
            "conf/workflows/w.yaml:4 steps[1].id: must be 1 to 100 of a-z, 0-9, '.', '_', '-',"
                + " starting with a letter or digit, got 'Bad'",
            "conf/workflows/w.yaml:5 steps[1].run: run must be an argv list, not a shell string:"
                + " python3 scripts/etl.py --days 14 (write [\"python3\", \"scripts/etl.py\","
                + " \"--days\", \"14\"])",
            "conf/workflows/w.yaml:6 steps[2]: step needs an action: run, http, reconcile, enqueue",
            "conf/workflows/w.yaml:7 steps[2].timeout: must be more than 0, got '0s'",
            "conf/workflows/w.yaml:9 steps[3].run: must not be empty: run[0] is the program",
            "conf/workflows/w.yaml:11 steps[4].run[0]: the program must not be blank, got '  '",
            "conf/workflows/w.yaml:11 steps[4].run[1]: an argument must not be null (write \"\" for"
                + " an empty one)",
            "conf/workflows/w.yaml:12 steps[4].critical: expected true or false, got 'sometimes'",
            "conf/workflows/w.yaml:13 steps[4].locks[0]: must be 1 to 200 of A-Z, a-z, 0-9, ':',"
                + " '.', '_', '/', '-', got 'source espn'",
            "conf/workflows/w.yaml:15 steps[5].run: expected a list, got a mapping",
            "conf/workflows/w.yaml:16 steps[5]: unknown key 'timout'; did you mean 'timeout'?");
  }

  @Test
  void process_match_must_be_a_regular_expression() {
    ConfigDir dir = new ConfigDir(tmp).workflow("w.yaml", """
        id: w
        steps:
          - id: a
            run: [x]
            process_match: 'espn_scraper\\.py --season (2025'
          - id: b
            run: [x]
            process_match: 'espn_scraper\\.py'
        """);

    assertThat(dir.problems()).containsExactly(
        "conf/workflows/w.yaml:5 steps[0].process_match: must be a valid regular expression (Java syntax),"
            + " searched in each process's command line, got 'espn_scraper\\.py --season (2025'");
  }

  @Test
  void step_ids_are_unique_within_a_workflow() {
    assertThat(
            new ConfigDir(tmp)
                .workflow(
                    "w.yaml",
                    """
                    id: w
                    steps:
                      - id: fetch
                        run: [a]
                      - id: fetch
                        run: [b]
                    """)
                .problems())
        .containsExactly(
            "conf/workflows/w.yaml:5 steps[1].id: duplicate step id 'fetch' (first at steps[0].id,"
                + " line 3)");
  }

  @Test
  void duplicate_workflow_ids_across_files_name_both_files() {
    assertThat(
            new ConfigDir(tmp)
                .workflow("a.yaml", MINIMAL)
                .workflow("b.yaml", "# copied from a.yaml\n" + MINIMAL)
                .problems())
        .containsExactly(
            "conf/workflows/b.yaml:2 id: duplicate workflow id 'minimal': also defined in"
                + " conf/workflows/a.yaml:1");
  }

  @Test
  void every_success_rule_mistake_is_reported() {
    assertThat(
            new ConfigDir(tmp)
                .workflow(
                    "w.yaml",
                    """
                    id: w
                    steps:
                      - id: a
                        run: [x]
                        success:
                          warning_exit_codes: [256, 3]
                          non_retryable_exit_codes: [0, 3]
                          predicate: errors / items <=
                      - id: b
                        run: [x]
                        success: { warning_exit_codes: [2] }
                    """)
                .problems())
        .containsExactly(
            "conf/workflows/w.yaml:5 steps[0].success: exit code 3 is in both warning_exit_codes"
                + " and non_retryable_exit_codes",
            "conf/workflows/w.yaml:6 steps[0].success.warning_exit_codes[0]: must be between 0 and"
                + " 255, got '256'",
            "conf/workflows/w.yaml:7 steps[0].success.non_retryable_exit_codes[0]: 0 means success,"
                + " it cannot be non-retryable, got '0'",
            "conf/workflows/w.yaml:8 steps[0].success.predicate: invalid predicate at position 18:"
                + " expected a number, a field, true, false or '(', found the end",
            "conf/workflows/w.yaml:11 steps[1].success: exit code 2 is in both warning_exit_codes"
                + " and non_retryable_exit_codes (whose default is [2]; write it out)");
  }

  @Test
  void every_retry_mistake_is_reported() {
    assertThat(
            new ConfigDir(tmp)
                .workflow(
                    "w.yaml",
                    """
                    id: w
                    steps:
                      - id: a
                        run: [x]
                        retry:
                          max_attempts: 101
                          backoff: 2h
                          factor: 0.5
                          jitter: 1.5
                      - id: b
                        run: [x]
                        retry: { max_attempts: 0, jitter: "twenty%" }
                    """)
                .problems())
        .containsExactly(
            "conf/workflows/w.yaml:5 steps[0].retry: max_backoff (30m) must be at least backoff"
                + " (2h)",
            "conf/workflows/w.yaml:6 steps[0].retry.max_attempts: must be between 1 and 100, got"
                + " '101'",
            "conf/workflows/w.yaml:8 steps[0].retry.factor: must be at least 1, got '0.5'",
            "conf/workflows/w.yaml:9 steps[0].retry.jitter: must be a fraction from 0 to 1 or a"
                + " percentage like 20%, got '1.5'",
            "conf/workflows/w.yaml:12 steps[1].retry.max_attempts: must be between 1 and 100, got"
                + " '0'",
            "conf/workflows/w.yaml:12 steps[1].retry.jitter: invalid percentage 'twenty%'");
  }

  @Test
  void an_http_step_is_bound_with_its_defaults() {
    ShotClockConfig c = new ConfigDir(tmp).environment(Map.of("TOKEN", "secret")).workflow("w.yaml", """
        id: w
        params: { game: "" }
        steps:
          - id: box
            http:
              url: "https://cdn.example/box/${param.game}.json"
              headers: { Authorization: "Bearer ${TOKEN}", Accept: application/json }
              to: data/box/${param.game}.json
          - id: small
            http: { url: "http://127.0.0.1:8000/x", to: x.json, max_bytes: 64KB }
        """).load();
    List<StepDef> steps = c.workflow("w").orElseThrow().steps();
    assertThat(steps.get(0).action()).isEqualTo(new StepAction.Http("https://cdn.example/box/${param.game}.json",
        Map.of("Authorization", "Bearer secret", "Accept", "application/json"), "data/box/${param.game}.json",
        StepAction.Http.DEFAULT_MAX_BYTES));
    assertThat(((StepAction.Http) steps.get(1).action()).maxBytes()).isEqualTo(64 * 1024);
  }

  @Test
  void every_http_step_mistake_is_reported() {
    assertThat(new ConfigDir(tmp).workflow("w.yaml", """
        id: w
        steps:
          - id: a
            http: { url: "ftp://example/x", to: x }
          - id: b
            http: { url: "https:///nohost", headers: { "Bad Name": x, Host: evil, X-Ok: "a\\nb" } }
          - id: c
            http: { url: "http://x/${param.nope}", to: "", max_bytes: lots, verb: POST }
          - id: d
            run: [true]
            http: { url: "http://x/", to: y }
        """).problems())
        .containsExactly(
            "conf/workflows/w.yaml:4 steps[0].http.url: must be an http:// or https:// URL with a host, got 'ftp://example/x'",
            "conf/workflows/w.yaml:6 steps[1].http.url: must be an http:// or https:// URL with a host, got 'https:///nohost'",
            "conf/workflows/w.yaml:6 steps[1].http.headers.Bad Name: invalid header name 'Bad Name'",
            "conf/workflows/w.yaml:6 steps[1].http.headers.Host: header 'Host' is set by the HTTP client, not by the step",
            "conf/workflows/w.yaml:6 steps[1].http.headers.X-Ok: must be one line, got 'a\nb'",
            "conf/workflows/w.yaml:6 steps[1].http.to: is required",
            "conf/workflows/w.yaml:8 steps[2].http.url: ${param.nope} is not declared in params",
            "conf/workflows/w.yaml:8 steps[2].http.to: must not be empty, got ''",
            "conf/workflows/w.yaml:8 steps[2].http.max_bytes: invalid size 'lots'; use e.g. 512, 64KB, 50MB or 1GB",
            "conf/workflows/w.yaml:8 steps[2].http: unknown key 'verb'; valid keys: url, headers, to, max_bytes",
            "conf/workflows/w.yaml:9 steps[3]: a step has exactly one action, found run and http");
  }
}
