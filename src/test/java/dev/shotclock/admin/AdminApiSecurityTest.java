package dev.shotclock.admin;

import static dev.shotclock.testsupport.RawHttp.get;
import static dev.shotclock.testsupport.RawHttp.post;
import static dev.shotclock.testsupport.Workflows.step;
import static dev.shotclock.testsupport.Workflows.workflow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shotclock.admin.web.Dashboard;
import dev.shotclock.history.RunState;
import dev.shotclock.history.WorkflowStateRepository;
import dev.shotclock.testsupport.DaemonFixture;
import dev.shotclock.testsupport.RawHttp;
import dev.shotclock.testsupport.TestStores;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The admin API's gate (DESIGN.md §5), against a real daemon over raw sockets: every route of the
 * route table, token by token, Host by Host, content type by content type. Requests the gate
 * refuses must not reach their handler, so after each one nothing has changed in the daemon.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminApiSecurityTest {

  /**
   * The routes these tests were written against. A route added to {@link ApiRoutes} is covered by
   * the tests below automatically (they walk the live table), and fails
   * {@link #the_route_table_is_the_one_this_test_was_written_for} until it is listed here on purpose.
   */
  private static final List<String> KNOWN_ROUTES = List.of(
      "GET /health open",
      "GET /api/v1/status",
      "GET /api/v1/workflows",
      "GET /api/v1/workflows/{id}",
      "POST /api/v1/workflows/{id}/trigger",
      "POST /api/v1/workflows/{id}/pause",
      "POST /api/v1/workflows/{id}/resume",
      "POST /api/v1/workflows/{id}/backfill",
      "GET /api/v1/workflows/{id}/stats",
      "POST /api/v1/pause",
      "POST /api/v1/resume",
      "GET /api/v1/runs",
      "GET /api/v1/runs/{id}",
      "GET /api/v1/runs/{id}/log",
      "POST /api/v1/runs/{id}/cancel",
      "POST /api/v1/runs/{id}/retry",
      "GET /api/v1/missed",
      "GET /api/v1/why/{id}",
      "GET /api/v1/events",
      "GET /api/v1/reconciliation",
      "POST /api/v1/reload",
      "GET /metrics",
      "GET /api/v1/tasks",
      "POST /api/v1/tasks",
      "POST /api/v1/tasks/import",
      "GET /api/v1/tasks/{id}",
      "POST /api/v1/tasks/{id}/cancel",
      "POST /api/v1/tasks/{id}/requeue",
      // the dashboard: public pages, the login form, session pages, logout, session actions
      "GET / public",
      "GET /ui public",
      "GET /ui/login public",
      "POST /ui/login login",
      "GET /ui/assets/{id} public",
      "POST /ui/logout csrf",
      "GET /ui/ session",
      "GET /ui/workflows session",
      "GET /ui/workflows/{id} session",
      "GET /ui/runs/{id} session",
      "GET /ui/runs/{id}/log session",
      "GET /ui/queue session",
      "GET /ui/events session",
      "POST /ui/api/workflows/{id}/trigger action",
      "POST /ui/api/workflows/{id}/pause action",
      "POST /ui/api/workflows/{id}/resume action",
      "POST /ui/api/pause action",
      "POST /ui/api/resume action",
      "POST /ui/api/runs/{id}/cancel action",
      "POST /ui/api/runs/{id}/retry action",
      "POST /ui/api/tasks/{id}/requeue action",
      "POST /ui/api/tasks/{id}/cancel action");

  /** Routes that take a bulk document (up to 16 MiB) instead of the usual 64 KiB. */
  private static final List<String> BULK_ROUTES = List.of("POST /api/v1/tasks/import");

  private static final String WORKFLOW = "wf";
  private static final String BACKFILL_BODY = "{\"from\": \"3d\", \"to\": \"1d\", \"dry_run\": true}";

  private DaemonFixture daemon;
  private RawHttp http;
  private String fullToken;
  private String readOnlyToken;
  private long runId;
  private int runsBefore;

  @BeforeAll
  void startDaemon(@TempDir Path dir) throws Exception {
    daemon = DaemonFixture.start(dir, TestStores.Kind.H2, Clock.systemUTC(),
        workflow(WORKFLOW).cron("0 0 3 * * ?").params(Map.of("day", "today"))
            .step(step("s").sh("echo hello")).build());
    http = new RawHttp(daemon.daemon().adminPort(), 10_000);
    fullToken = Files.readString(daemon.stateDir().resolve(AdminTokens.TOKEN_FILE)).trim();
    readOnlyToken = Files.readString(daemon.stateDir().resolve(AdminTokens.READONLY_TOKEN_FILE)).trim();
    assertThat(fullToken).isNotEqualTo(readOnlyToken);
    runId = daemon.runToEnd(WORKFLOW, Duration.ofSeconds(30)).id();
    assertThat(daemon.runs().find(runId).orElseThrow().state()).isEqualTo(RunState.SUCCEEDED);
    runsBefore = daemon.runs(WORKFLOW).size();
  }

  @AfterAll
  void stopDaemon() {
    if (daemon != null) {
      daemon.close();
    }
  }

  /** A refused request must have changed nothing: no new run, no pause, no reload. */
  @AfterEach
  void nothingChanged() {
    assertThat(daemon.runs(WORKFLOW)).as("runs of %s", WORKFLOW).hasSize(runsBefore);
    assertThat(new WorkflowStateRepository(daemon.daemon().jdbc()).find(WORKFLOW).orElseThrow().paused())
        .as("workflow paused").isFalse();
  }

  static List<String> routeTable() {
    try (AdminServer server = new AdminServer(null, null, Clock.systemUTC(), false)) {
      return server.routeTable();
    }
  }

  /** The JSON API's routes (bearer token); the dashboard's have their own tests below. */
  static Stream<String> apiRoutes() {
    return routeTable().stream().filter(r -> !Dashboard.owns(r.split(" ")[1]));
  }

  static Stream<String> mutatingRoutes() {
    return apiRoutes().filter(r -> r.startsWith("POST "));
  }

  static Stream<String> readRoutes() {
    return apiRoutes().filter(r -> r.startsWith("GET ") && !r.endsWith(" open"));
  }

  static Stream<String> routesWithAnId() {
    return apiRoutes().filter(r -> r.contains("{id}"));
  }

  static Stream<String> dashboardActions() {
    return routeTable().stream().filter(r -> r.endsWith(" action"));
  }

  static Stream<String> dashboardSessionRoutes() {
    return routeTable().stream().filter(r -> r.endsWith(" session"));
  }

  static Stream<String> dashboardRoutes() {
    return routeTable().stream().filter(r -> Dashboard.owns(r.split(" ")[1]));
  }

  /** The route's path with real ids: the workflow of this test, or a run that exists. */
  private String path(String route) {
    String template = route.split(" ")[1];
    return template.replace("{id}", template.startsWith("/api/v1/runs/") || template.startsWith("/ui/runs/")
        || template.startsWith("/ui/api/runs/") ? Long.toString(runId)
        : template.startsWith("/api/v1/tasks/") || template.startsWith("/ui/api/tasks/") ? "987654321"
        : template.startsWith("/ui/assets/") ? "dashboard.js" : WORKFLOW);
  }

  private static String method(String route) {
    return route.split(" ")[0];
  }

  /** A request each route would accept from a full token with the right Host and content type. */
  private RawHttp.Request acceptable(String route) {
    return RawHttp.request(method(route), path(route)).json(route.endsWith("/backfill") ? BACKFILL_BODY : "{}");
  }

  private static void assertJsonError(RawHttp.Response r, int status) {
    assertThat(r.status()).as("%s", r).isEqualTo(status);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    JsonNode body = r.json();
    assertThat(body.path("error").isTextual()).as("error is text: %s", body).isTrue();
    assertThat(body.path("error").asText()).isNotBlank();
    assertThat(body.path("details").isArray()).as("details is a list: %s", body).isTrue();
  }

  @Test
  void the_route_table_is_the_one_this_test_was_written_for() {
    assertThat(routeTable())
        .as("a route was added to or removed from ApiRoutes: the gate tests below walk the table,"
            + " check they pass for it, then update KNOWN_ROUTES")
        .containsExactlyInAnyOrderElementsOf(KNOWN_ROUTES);
    assertThat(mutatingRoutes()).hasSize(13);
    assertThat(dashboardActions()).hasSize(9);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mutatingRoutes")
  void a_mutating_route_without_a_token_is_401(String route) throws Exception {
    RawHttp.Response r = http.send(acceptable(route));
    assertJsonError(r, 401);
    assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mutatingRoutes")
  void a_mutating_route_with_a_wrong_token_or_scheme_is_401(String route) throws Exception {
    assertJsonError(http.send(acceptable(route).bearer(fullToken + "x")), 401);
    assertJsonError(http.send(acceptable(route).bearer(fullToken.substring(1))), 401);
    assertJsonError(http.send(acceptable(route).header("Authorization", "Basic " + fullToken)), 401);
    assertJsonError(http.send(acceptable(route).header("Authorization", fullToken)), 401);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mutatingRoutes")
  void a_mutating_route_with_the_read_only_token_is_403(String route) throws Exception {
    assertJsonError(http.send(acceptable(route).bearer(readOnlyToken)), 403);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mutatingRoutes")
  void a_mutating_route_with_the_full_token_but_a_foreign_host_is_403(String route) throws Exception {
    RawHttp.Response r = http.send(acceptable(route).bearer(fullToken).header("Host", "evil.example"));
    assertJsonError(r, 403);
    assertThat(r.json().path("error").asText()).contains("Host");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mutatingRoutes")
  void a_mutating_route_refuses_a_form_a_text_body_and_no_content_type_with_415(String route) throws Exception {
    for (String type : List.of("application/x-www-form-urlencoded", "text/plain",
        "multipart/form-data; boundary=x", "application/jsonp", "text/json")) {
      RawHttp.Response r = http.send(RawHttp.request(method(route), path(route)).bearer(fullToken)
          .header("Content-Type", type).body("a=1&b=2".getBytes(StandardCharsets.US_ASCII)));
      assertJsonError(r, 415);
    }
    assertJsonError(http.send(RawHttp.request(method(route), path(route)).bearer(fullToken)
        .body("{}".getBytes(StandardCharsets.US_ASCII))), 415);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mutatingRoutes")
  void a_mutating_route_refuses_a_body_over_its_limit_with_413(String route) throws Exception {
    int limit = BULK_ROUTES.contains(route) ? 16 * 1024 * 1024 : 64 * 1024;
    byte[] body = new byte[limit + 1];
    Arrays.fill(body, (byte) ' ');
    body[0] = '{';
    body[body.length - 1] = '}';
    assertJsonError(http.send(RawHttp.request(method(route), path(route)).bearer(fullToken)
        .header("Content-Type", "application/json").body(body)), 413);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mutatingRoutes")
  void a_mutating_route_that_announces_a_huge_body_is_refused_before_it_is_sent(String route) throws Exception {
    // Only the headers are sent: waiting for 1 GB that never comes would hold an admin thread.
    RawHttp.Response r = http.send(RawHttp.request(method(route), path(route)).bearer(fullToken)
        .header("Content-Type", "application/json").header("Content-Length", "1073741824"));
    assertJsonError(r, 413);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("readRoutes")
  void a_read_route_answers_the_read_only_token(String route) throws Exception {
    RawHttp.Response r = http.send(get(path(route)).bearer(readOnlyToken));
    assertThat(r.status()).as("%s", r).isIn(200, 404).isNotIn(401, 403);
    assertThat(r.header("Content-Type")).startsWith(route.equals("GET /metrics") ? "text/plain" : "application/json");
    assertThat(r.header("Cache-Control")).isEqualTo("no-store");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("readRoutes")
  void a_read_route_without_a_token_is_401_and_with_a_foreign_host_403(String route) throws Exception {
    assertJsonError(http.send(get(path(route))), 401);
    assertJsonError(http.send(get(path(route)).bearer(fullToken).header("Host", "evil.example")), 403);
  }

  @Test
  void health_needs_no_token() throws Exception {
    RawHttp.Response r = http.send(get("/health"));
    assertThat(r.status()).as("%s", r).isEqualTo(200);
    assertThat(r.json().path("status").asText()).isEqualTo("UP");
  }

  @ParameterizedTest(name = "Host: {0}")
  @ValueSource(strings = {"evil.example", "evil.example:80", "localhost.evil.example",
      "127.0.0.1.nip.io", "127.0.0.2", "0.0.0.0", "[::2]", "[::1", "", "localhost@evil.example"})
  void health_refuses_a_foreign_host(String host) throws Exception {
    assertJsonError(http.send(get("/health").header("Host", host)), 403);
  }

  @ParameterizedTest(name = "Host: {0}")
  @ValueSource(strings = {"localhost", "LOCALHOST:8080", "127.0.0.1", "[::1]:1234", "[::1]"})
  void health_accepts_every_loopback_host_name(String host) throws Exception {
    assertThat(http.send(get("/health").header("Host", host)).status()).isEqualTo(200);
  }

  @Test
  void a_request_without_a_host_header_is_refused() throws Exception {
    assertJsonError(http.send(get("/health").withoutHost()), 403);
  }

  @Test
  void a_request_with_two_host_headers_is_refused() throws Exception {
    // RFC 9112 §3.2: more than one Host is a bad request; the second must not ride past the check.
    assertJsonError(http.send(get("/health").withoutHost().header("Host", "localhost")
        .header("Host", "evil.example")), 400);
    assertJsonError(http.send(get("/api/v1/status").bearer(fullToken).withoutHost()
        .header("Host", "evil.example").header("Host", "localhost")), 400);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routesWithAnId")
  void an_unknown_id_is_404_with_a_json_error(String route) throws Exception {
    String template = route.split(" ")[1];
    String unknown = template.startsWith("/api/v1/runs/") || template.startsWith("/api/v1/tasks/")
        ? "987654321" : "no-such-workflow";
    String path = template.replace("{id}", unknown);
    RawHttp.Response r = http.send(method(route).equals("GET")
        ? get(path).bearer(readOnlyToken)
        : RawHttp.request("POST", path).bearer(fullToken).json(route.endsWith("/backfill") ? BACKFILL_BODY : "{}"));
    assertJsonError(r, 404);
    assertThat(r.json().path("error").asText()).contains(unknown);
  }

  @Test
  void an_unknown_workflow_in_a_query_is_404() throws Exception {
    assertJsonError(http.send(get("/api/v1/missed?workflow=no-such-workflow").bearer(readOnlyToken)), 404);
  }

  @Test
  void an_unknown_route_is_404_and_a_wrong_method_405() throws Exception {
    assertJsonError(http.send(get("/api/v1/no-such-route").bearer(readOnlyToken)), 404);
    assertJsonError(http.send(get("/api/v1/reload").bearer(fullToken)), 405);
    assertJsonError(http.send(RawHttp.request("DELETE", "/api/v1/workflows/" + WORKFLOW).bearer(fullToken)), 405);
  }

  @Test
  void clients_that_stall_halfway_through_a_request_are_cut_off_and_do_not_block_the_api() throws Exception {
    // Twice as many stalled clients as the API has threads; none needs a token to do this.
    String[] halfRequests = {"\r\n", "GET /health HTTP/1.1\r\nHost: localhost\r\n",
        "POST /api/v1/reload HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + fullToken
            + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"};
    List<Socket> stalled = new ArrayList<>();
    try {
      for (int i = 0; i < 8; i++) {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), daemon.daemon().adminPort());
        s.getOutputStream().write(halfRequests[i % halfRequests.length].getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        stalled.add(s);
      }
      RawHttp patient = new RawHttp(daemon.daemon().adminPort(), 20_000);
      await("GET /health answers while 8 clients stall").atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
          .untilAsserted(() -> assertThat(patient.send(get("/health")).status()).isEqualTo(200));
      for (Socket s : stalled) {
        s.setSoTimeout(20_000);
        assertThat(readToEnd(s)).as("the server closed the stalled connection").isTrue();
      }
    } finally {
      for (Socket s : stalled) {
        s.close();
      }
    }
  }

  /** True when the server closed the connection (after an answer or without one). */
  private static boolean readToEnd(Socket s) throws IOException {
    try {
      s.getInputStream().readAllBytes();
      return true;
    } catch (SocketException reset) {
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    }
  }

  @Test
  void the_full_token_passes_the_gate_on_a_mutating_route() throws Exception {
    // The positive control: the same request as above, with everything right, is accepted.
    RawHttp.Response r = http.send(post("/api/v1/reload?dry_run=true").bearer(fullToken).json("{}"));
    assertThat(r.status()).as("%s", r).isEqualTo(200);
    assertThat(r.json().path("valid").asBoolean()).isTrue();
    assertThat(r.json().path("applied").asBoolean()).isFalse();
  }

  // ---- the dashboard: cookie sessions, CSRF, Host and Origin ----

  private static final Pattern CSRF_META = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\">");

  /** A logged-in browser: its cookie and the CSRF token its pages carry. */
  private record Browser(String cookie, String csrf) {}

  private Browser login(String token) throws IOException {
    RawHttp.Response r = http.send(post("/ui/login").header("Content-Type", "application/x-www-form-urlencoded")
        .body(("token=" + java.net.URLEncoder.encode(token, StandardCharsets.UTF_8)).getBytes(StandardCharsets.US_ASCII)));
    assertThat(r.status()).as("%s", r).isEqualTo(303);
    String setCookie = r.header("Set-Cookie");
    String cookie = setCookie.substring(0, setCookie.indexOf(';'));
    RawHttp.Response page = http.send(get("/ui/").header("Cookie", cookie));
    assertThat(page.status()).as("%s", page).isEqualTo(200);
    Matcher m = CSRF_META.matcher(page.text());
    assertThat(m.find()).as("the page carries a CSRF token").isTrue();
    return new Browser(cookie, m.group(1));
  }

  private RawHttp.Request action(String route, Browser b) {
    RawHttp.Request r = RawHttp.request("POST", path(route)).json("{}");
    if (b != null) {
      r.header("Cookie", b.cookie()).header("X-CSRF-Token", b.csrf());
    }
    return r;
  }

  @Test
  void login_sets_an_http_only_same_site_strict_cookie_that_is_not_the_token() throws Exception {
    RawHttp.Response r = http.send(post("/ui/login").header("Content-Type", "application/x-www-form-urlencoded")
        .body(("token=" + fullToken).getBytes(StandardCharsets.US_ASCII)));
    assertThat(r.status()).as("%s", r).isEqualTo(303);
    assertThat(r.header("Location")).isEqualTo("/ui/");
    String cookie = r.header("Set-Cookie");
    assertThat(cookie).startsWith("shotclock_session=").contains("; HttpOnly").contains("; SameSite=Strict")
        .contains("; Path=/").doesNotContain(fullToken);
    RawHttp.Response page = http.send(get("/ui/").header("Cookie", cookie.substring(0, cookie.indexOf(';'))));
    assertThat(page.text()).doesNotContain(fullToken).doesNotContain(readOnlyToken);
  }

  @ParameterizedTest(name = "token: {0}")
  @ValueSource(strings = {"", "wrong", "Bearer x"})
  void login_with_a_wrong_token_is_401_and_sets_no_cookie(String token) throws Exception {
    RawHttp.Response r = http.send(post("/ui/login").header("Content-Type", "application/x-www-form-urlencoded")
        .body(("token=" + token).getBytes(StandardCharsets.US_ASCII)));
    assertThat(r.status()).as("%s", r).isEqualTo(401);
    assertThat(r.header("Set-Cookie")).isNull();
    assertThat(http.send(post("/ui/login").json("{\"token\": \"" + fullToken + "\"}")).status())
        .as("the login form is a form, not JSON").isEqualTo(415);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dashboardSessionRoutes")
  void a_dashboard_page_without_a_session_redirects_to_login_or_is_401(String route) throws Exception {
    for (RawHttp.Request r : List.of(get(path(route)), get(path(route)).bearer(fullToken),
        get(path(route)).header("Cookie", "shotclock_session=forged"))) {
      RawHttp.Response answer = http.send(r);
      if (route.endsWith("/log session")) {
        assertJsonError(answer, 401);
      } else {
        assertThat(answer.status()).as("%s", answer).isEqualTo(303);
        assertThat(answer.header("Location")).isEqualTo("/ui/login");
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dashboardSessionRoutes")
  void a_dashboard_page_answers_a_read_only_session_with_security_headers(String route) throws Exception {
    Browser ro = login(readOnlyToken);
    RawHttp.Response r = http.send(get(path(route)).header("Cookie", ro.cookie()));
    assertThat(r.status()).as("%s", r).isEqualTo(200);
    assertThat(r.header("Content-Security-Policy")).isEqualTo("default-src 'self'; script-src 'self';"
        + " style-src 'self'; img-src 'self' data:; frame-ancestors 'none'");
    assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(r.header("Referrer-Policy")).isEqualTo("no-referrer");
    assertThat(r.header("Server-Timing")).startsWith("app;dur=");
    assertThat(r.text()).as("no inline script or style the CSP would have to allow")
        .doesNotContain("<script>").doesNotContain(" style=").doesNotContain("<style").doesNotContain(" onclick=");
    assertThat(http.send(get(path(route)).header("Cookie", ro.cookie()).header("Host", "evil.example")).status())
        .isEqualTo(403);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dashboardActions")
  void a_dashboard_action_without_a_session_is_401_even_with_the_bearer_token(String route) throws Exception {
    assertJsonError(http.send(action(route, null)), 401);
    assertJsonError(http.send(action(route, null).bearer(fullToken)), 401);
    assertJsonError(http.send(action(route, null).header("Cookie", "shotclock_session=forged")
        .header("X-CSRF-Token", "forged")), 401);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dashboardActions")
  void a_dashboard_action_of_a_read_only_session_is_403(String route) throws Exception {
    assertJsonError(http.send(action(route, login(readOnlyToken))), 403);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dashboardActions")
  void a_dashboard_action_without_or_with_a_wrong_csrf_token_is_403(String route) throws Exception {
    Browser full = login(fullToken);
    Browser other = login(fullToken);
    assertJsonError(http.send(RawHttp.request("POST", path(route)).json("{}").header("Cookie", full.cookie())), 403);
    assertJsonError(http.send(RawHttp.request("POST", path(route)).json("{}").header("Cookie", full.cookie())
        .header("X-CSRF-Token", full.csrf() + "x")), 403);
    assertJsonError(http.send(RawHttp.request("POST", path(route)).json("{}").header("Cookie", full.cookie())
        .header("X-CSRF-Token", other.csrf())), 403);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dashboardActions")
  void a_dashboard_action_from_a_foreign_host_origin_or_site_is_403(String route) throws Exception {
    Browser full = login(fullToken);
    RawHttp.Response r = http.send(action(route, full).header("Host", "evil.example"));
    assertJsonError(r, 403);
    assertThat(r.json().path("error").asText()).contains("Host");
    assertJsonError(http.send(action(route, full).header("Origin", "http://evil.example")), 403);
    assertJsonError(http.send(action(route, full).header("Origin", "null")), 403);
    assertJsonError(http.send(action(route, full).header("Sec-Fetch-Site", "cross-site")), 403);
    // Another service on another loopback port is the same site, but not the same origin.
    assertJsonError(http.send(action(route, full).header("Sec-Fetch-Site", "same-site")
        .header("Origin", "http://127.0.0.1:1")), 403);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dashboardActions")
  void a_dashboard_action_refuses_a_form_body_with_415(String route) throws Exception {
    // A cross-site HTML form can only send these types; an action takes JSON alone.
    Browser full = login(fullToken);
    for (String type : List.of("application/x-www-form-urlencoded", "text/plain", "multipart/form-data; boundary=x")) {
      assertJsonError(http.send(RawHttp.request("POST", path(route)).header("Cookie", full.cookie())
          .header("X-CSRF-Token", full.csrf()).header("Content-Type", type)
          .body("a=1".getBytes(StandardCharsets.US_ASCII))), 415);
    }
  }

  @Test
  void the_full_session_with_its_csrf_token_passes_the_dashboard_gate() throws Exception {
    // The positive control of the refusals above: the same request reaches the handler, which
    // answers for the unknown task (404), and an operator can log out.
    Browser full = login(fullToken);
    assertJsonError(http.send(action("POST /ui/api/tasks/{id}/requeue action", full)
        .header("Origin", "http://127.0.0.1:" + daemon.daemon().adminPort()).header("Sec-Fetch-Site", "same-origin")), 404);
    // What Chrome sends under Referrer-Policy: no-referrer.
    assertJsonError(http.send(action("POST /ui/api/tasks/{id}/requeue action", full)
        .header("Origin", "null").header("Sec-Fetch-Site", "same-origin")), 404);
    RawHttp.Response out = http.send(action("POST /ui/logout csrf", full));
    assertThat(out.status()).as("%s", out).isEqualTo(200);
    assertThat(out.header("Set-Cookie")).contains("Max-Age=0");
    assertThat(http.send(get("/ui/").header("Cookie", full.cookie())).status()).as("session ended").isEqualTo(303);
  }

  @Test
  void public_dashboard_routes_need_no_session_but_a_loopback_host() throws Exception {
    assertThat(http.send(get("/")).header("Location")).isEqualTo("/ui/");
    RawHttp.Response js = http.send(get("/ui/assets/dashboard.js"));
    assertThat(js.status()).isEqualTo(200);
    assertThat(js.header("Content-Type")).startsWith("text/javascript");
    assertThat(http.send(get("/ui/assets/..%2Fadmin.token")).status()).isEqualTo(404);
    assertThat(http.send(get("/ui/login")).text()).contains("name=\"token\"");
    for (String route : dashboardRoutes().toList()) {
      assertJsonError(http.send(RawHttp.request(method(route), path(route)).header("Host", "evil.example")), 403);
    }
  }
}
