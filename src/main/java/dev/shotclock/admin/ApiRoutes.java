package dev.shotclock.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The route table: read it as the API's specification (DESIGN.md §5). */
final class ApiRoutes {

  private static final String V1 = "/api/v1";

  private final Operations ops;

  ApiRoutes(Operations ops) {
    this.ops = ops;
  }

  void register(AdminServer s) {
    s.open("/health", r -> health());
    s.get(V1 + "/status", r -> ops.status());
    s.get(V1 + "/workflows", r -> ops.workflows());
    s.get(V1 + "/workflows/{id}", r -> ops.workflow(r.pathParam(1)));
    s.post(V1 + "/workflows/{id}/trigger", this::trigger);
    s.get(V1 + "/runs", r -> ops.runs(r.queryParam("workflow"), r.queryParam("state"),
        r.intParam("limit", 50, 1, 10_000)));
    s.get(V1 + "/runs/{id}", r -> ops.run(r.pathId(1, "run")));
    s.get(V1 + "/runs/{id}/log", r -> ops.log(r.pathId(1, "run"),
        r.intParam("offset", 0, 0, Integer.MAX_VALUE), r.intParam("max", 65_536, 1, 1_048_576)));
    s.post(V1 + "/runs/{id}/cancel", r -> ops.cancel(r.pathId(1, "run"), r.bodyString("requested_by")));
    s.post(V1 + "/reload", r -> ops.reload(r.flag("dry_run")));
  }

  private AdminServer.Response health() {
    Operations.Health h = ops.health();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", h.up() ? "UP" : "DOWN");
    body.put("reasons", h.reasons());
    body.put("components", h.components());
    return new AdminServer.Response(h.up() ? 200 : 503, body);
  }

  private AdminServer.Response trigger(Request r) {
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
        params.put(e.getKey(), e.getValue().asText());
      });
    }
    Operations.Triggered t = ops.trigger(r.pathParam(1), new Operations.TriggerRequest(params,
        r.bodyString("idempotency_key"), r.bodyString("requested_by")));
    return new AdminServer.Response(202, t);
  }
}
