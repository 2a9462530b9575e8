package dev.shotclock.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A local HTTP server that records JSON POSTed to a path, for notifier tests (never the network). */
public final class WebhookReceiver implements AutoCloseable {

  private final HttpServer server;
  private final ObjectMapper json = new ObjectMapper();

  public WebhookReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.start();
  }

  /** Records bodies POSTed to {@code path} (with their Authorization header), answering {@code status}. */
  public Recorded record(String path, int status) {
    Recorded r = new Recorded();
    server.createContext(path, ex -> {
      r.bodies.add(json.readTree(ex.getRequestBody()));
      r.authorizations.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
      ex.sendResponseHeaders(status, -1);
      ex.close();
    });
    return r;
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  @Override
  public void close() {
    server.stop(0);
  }

  /** What one path received. */
  public static final class Recorded {
    public final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
    public final List<String> authorizations = new CopyOnWriteArrayList<>();
  }
}
