package dev.shotclock.admin.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shotclock.admin.Operations;
import dev.shotclock.admin.TimeArgs;
import java.time.Clock;
import java.util.Map;

/** The dashboard's changes: each one call of {@link Operations}, as the JSON API makes it. */
final class Actions {

  /** Who the history says asked: pause reasons, audit entries and runs show it. */
  static final String REQUESTED_BY = "dashboard";

  private final Operations ops;
  private final ObjectMapper json;
  private final Clock clock;

  Actions(Operations ops, ObjectMapper json, Clock clock) {
    this.ops = ops;
    this.json = json;
    this.clock = clock;
  }

  WebResponse trigger(Dashboard.Call c) {
    return answer(202, ops.trigger(c.pathParam(1), new Operations.TriggerRequest(Map.of(), null, REQUESTED_BY, false)));
  }

  WebResponse pause(Dashboard.Call c) {
    return answer(200, ops.pause(c.pathParam(1), pauseRequest(c)));
  }

  WebResponse resume(Dashboard.Call c) {
    return answer(200, ops.resume(c.pathParam(1), new Operations.ResumeRequest(REQUESTED_BY, c.bodyString("catch_up"))));
  }

  WebResponse pauseAll(Dashboard.Call c) {
    return answer(200, ops.pauseAll(pauseRequest(c)));
  }

  WebResponse resumeAll(Dashboard.Call c) {
    return answer(200, ops.resumeAll(new Operations.ResumeRequest(REQUESTED_BY, c.bodyString("catch_up"))));
  }

  WebResponse cancel(Dashboard.Call c) {
    return answer(200, ops.cancel(Params.pathId(c.pathParam(1), "run"), REQUESTED_BY));
  }

  WebResponse retry(Dashboard.Call c) {
    return answer(202, ops.retry(Params.pathId(c.pathParam(1), "run"), REQUESTED_BY));
  }

  WebResponse requeue(Dashboard.Call c) {
    return answer(200, ops.requeueTask(Params.pathId(c.pathParam(1), "task"), REQUESTED_BY));
  }

  WebResponse cancelTask(Dashboard.Call c) {
    return answer(200, ops.cancelTask(Params.pathId(c.pathParam(1), "task"), REQUESTED_BY));
  }

  private Operations.PauseRequest pauseRequest(Dashboard.Call c) {
    return new Operations.PauseRequest(REQUESTED_BY, c.bodyString("reason"),
        TimeArgs.instantOrDuration("until", c.bodyString("until"), true, clock));
  }

  private WebResponse answer(int status, Object body) {
    try {
      return WebResponse.json(status, json.writeValueAsBytes(body));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write the answer", e);
    }
  }
}
