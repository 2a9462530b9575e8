package dev.shotclock.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shotclock.config.NotifierDef;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Slack incoming webhooks and generic JSON webhooks, over the JDK's HTTP client. */
final class HttpSenders {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  Sender slack(NotifierDef.Slack def) {
    return (alert, heldBack) -> {
      ObjectNode body = JSON.createObjectNode();
      body.put("text", "*" + alert.title() + "*\n" + alert.text() + heldBackNote(heldBack));
      post(def.url(), JSON.writeValueAsString(body), java.util.Map.of());
    };
  }

  Sender webhook(NotifierDef.Webhook def) {
    return (alert, heldBack) -> {
      ObjectNode body = JSON.createObjectNode();
      body.put("event", alert.event().name().toLowerCase());
      body.put("at", alert.at().toString());
      body.put("workflow", alert.workflowId());
      if (alert.runId() != null) {
        body.put("run_id", alert.runId());
      }
      body.put("subject", alert.subject());
      body.put("title", alert.title());
      body.put("text", alert.text());
      body.put("held_back", heldBack);
      ObjectNode fields = body.putObject("fields");
      alert.fields().forEach(fields::put);
      post(def.url(), JSON.writeValueAsString(body), def.headers());
    };
  }

  private void post(String url, String json, java.util.Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json));
    headers.forEach(req::header);
    HttpResponse<String> resp = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
    if (resp.statusCode() / 100 != 2) {
      throw new IOException("HTTP " + resp.statusCode() + " from " + URI.create(url).getHost()
          + ": " + abbreviate(resp.body()));
    }
  }

  static String heldBackNote(int heldBack) {
    return heldBack > 0 ? "\n(" + heldBack + " identical alert(s) held back by throttling)" : "";
  }

  private static String abbreviate(String s) {
    return s == null ? "" : s.length() > 200 ? s.substring(0, 200) + "…" : s;
  }
}
