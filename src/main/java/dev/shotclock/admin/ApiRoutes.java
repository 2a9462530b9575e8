package dev.shotclock.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The route table: read it as the API's specification (DESIGN.md §5). */
final class ApiRoutes {

  private static final String V1 = "/api/v1";

  private final Operations ops;
  private final Clock clock;
  private final boolean metricsOpen;

  ApiRoutes(Operations ops, Clock clock, boolean metricsOpen) {
    this.ops = ops;
    this.clock = clock;
    this.metricsOpen = metricsOpen;
  }

  void register(AdminServer s) {
    s.open("/health", r -> health());
    AdminServer.Handler metrics = r -> new AdminServer.Text("text/plain; version=0.0.4; charset=utf-8", ops.metrics());
    if (metricsOpen) {
      s.open("/metrics", metrics);
    } else {
      s.get("/metrics", metrics);
    }
    s.get(V1 + "/status", r -> ops.status());
    s.get(V1 + "/workflows", r -> ops.workflows());
    s.get(V1 + "/workflows/{id}", r -> ops.workflow(r.pathParam(1)));
    s.post(V1 + "/workflows/{id}/trigger", this::trigger);
    s.post(V1 + "/workflows/{id}/pause", r -> ops.pause(r.pathParam(1), pauseRequest(r)));
    s.post(V1 + "/workflows/{id}/resume", r -> ops.resume(r.pathParam(1), resumeRequest(r)));
    s.post(V1 + "/workflows/{id}/backfill", this::backfill);
    s.get(V1 + "/workflows/{id}/stats", r -> ops.stats(r.pathParam(1),
        r.intParam("days", 30, 1, dev.shotclock.history.RunStats.MAX_DAYS)));
    s.post(V1 + "/pause", r -> ops.pauseAll(pauseRequest(r)));
    s.post(V1 + "/resume", r -> ops.resumeAll(resumeRequest(r)));
    s.get(V1 + "/runs", r -> ops.runs(r.queryParam("workflow"), r.queryParam("state"), before(r),
        r.intParam("limit", 50, 1, 10_000)));
    s.get(V1 + "/runs/{id}", r -> ops.run(r.pathId(1, "run")));
    s.get(V1 + "/runs/{id}/log", r -> ops.log(r.pathId(1, "run"),
        r.intParam("offset", 0, 0, Integer.MAX_VALUE), r.intParam("max", 65_536, 1, 1_048_576)));
    s.post(V1 + "/runs/{id}/cancel", r -> ops.cancel(r.pathId(1, "run"), r.bodyString("requested_by")));
    s.post(V1 + "/runs/{id}/retry", r -> new AdminServer.Response(202,
        ops.retry(r.pathId(1, "run"), r.bodyString("requested_by"))));
    s.get(V1 + "/missed", r -> ops.missed(r.queryParam("workflow"), r.intParam("limit", 50, 1, 10_000)));
    s.get(V1 + "/why/{id}", r -> ops.why(r.pathParam(1)));
    s.get(V1 + "/events", r -> ops.events(r.queryParam("kind"), r.queryParam("workflow"), before(r),
        r.intParam("limit", 50, 1, 10_000)));
    s.get(V1 + "/reconciliation", r -> ops.reconciliation(r.queryParam("workflow")));
    s.post(V1 + "/reload", r -> ops.reload(r.flag("dry_run")));
    s.get(V1 + "/tasks", r -> ops.tasks(r.queryParam("state"), r.queryParam("source"),
        r.queryParam("priority"), before(r), r.intParam("limit", 50, 1, 10_000)));
    s.post(V1 + "/tasks", this::enqueue);
    s.postBulk(V1 + "/tasks/import", this::importGaps);
    s.get(V1 + "/tasks/{id}", r -> ops.task(r.pathId(1, "task")));
    s.post(V1 + "/tasks/{id}/cancel", r -> ops.cancelTask(r.pathId(1, "task"), r.bodyString("requested_by")));
    s.post(V1 + "/tasks/{id}/requeue", r -> ops.requeueTask(r.pathId(1, "task"), r.bodyString("requested_by")));
  }

  /** {@code before}: the keyset cursor of history lists (the last id of the previous page), or null. */
  private static Long before(Request r) {
    return r.query().get("before") == null ? null : (long) r.intParam("before", 0, 1, Integer.MAX_VALUE);
  }

  private AdminServer.Response health() {
    Operations.Health h = ops.health();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", h.up() ? h.status() : "DOWN");
    body.put("reasons", h.reasons());
    body.put("components", h.components());
    return new AdminServer.Response(h.up() ? 200 : 503, body);
  }

  private AdminServer.Response enqueue(Request r) {
    Operations.Enqueued e = ops.enqueue(new Operations.EnqueueRequest(r.bodyString("source"),
        r.bodyString("key"), r.bodyString("operation"), params(r), r.bodyString("priority"),
        r.bodyString("requested_by")));
    return new AdminServer.Response(202, e);
  }

  private AdminServer.Response importGaps(Request r) {
    JsonNode gaps = r.body().get("gaps");
    if (gaps == null || !gaps.isObject()) {
      throw ApiException.badRequest("body must be {\"name\": ..., \"gaps\": <the gaps.json object>}", List.of());
    }
    String name = r.bodyString("name");
    return new AdminServer.Response(202, ops.importGaps(name != null ? name : "gaps.json", gaps,
        r.bodyString("requested_by")));
  }

  /** The body's {@code params}: an object of strings, or nothing. */
  private static Map<String, String> params(Request r) {
    Map<String, String> params = new LinkedHashMap<>();
    JsonNode p = r.body().get("params");
    if (p != null && !p.isNull()) {
      if (!p.isObject()) {
        throw ApiException.badRequest("params must be an object of strings", List.of());
      }
      p.fields().forEachRemaining(e -> {
        if (!e.getValue().isValueNode()) {
          throw ApiException.badRequest("param " + e.getKey() + " must be a string", List.of());
        }
        String value = e.getValue().asText();
        if (value.indexOf('\0') >= 0) {
          throw ApiException.badRequest("param " + e.getKey() + " contains a NUL character, which"
              + " cannot be passed to a process in its arguments or environment", List.of());
        }
        params.put(e.getKey(), value);
      });
    }
    return params;
  }

  private AdminServer.Response trigger(Request r) {
    Operations.Triggered t = ops.trigger(r.pathParam(1), new Operations.TriggerRequest(params(r),
        r.bodyString("idempotency_key"), r.bodyString("requested_by"), r.bodyBoolean("force")));
    return new AdminServer.Response(202, t);
  }

  private Operations.PauseRequest pauseRequest(Request r) {
    return new Operations.PauseRequest(r.bodyString("requested_by"),
        r.bodyString("reason", Request.MAX_LONG_TEXT),
        instantOrDuration("until", r.bodyString("until"), true));
  }

  private static Operations.ResumeRequest resumeRequest(Request r) {
    return new Operations.ResumeRequest(r.bodyString("requested_by"), r.bodyString("catch_up"));
  }

  private AdminServer.Response backfill(Request r) {
    Instant from = instantOrDuration("from", r.bodyString("from"), false);
    Instant to = instantOrDuration("to", r.bodyString("to"), false);
    if (from == null || to == null) {
      throw ApiException.badRequest("from and to are required", List.of());
    }
    boolean dryRun = r.body().path("dry_run").asBoolean(false);
    return new AdminServer.Response(dryRun ? 200 : 202,
        ops.backfill(r.pathParam(1), from, to, dryRun, r.bodyString("requested_by")));
  }

  private Instant instantOrDuration(String field, String value, boolean forward) {
    return TimeArgs.instantOrDuration(field, value, forward, clock);
  }
}
