package dev.shotclock.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP/1.1 over a plain socket, one request per connection, bytes written exactly as given: the
 * JDK's HTTP client refuses to send a foreign {@code Host}, duplicate headers or a broken request
 * line, which is what the admin API's gate must be tested with. Responses are parsed strictly, so a
 * malformed answer fails the test instead of passing as "some bytes came back".
 */
public final class RawHttp {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.[01] (\\d{3})(?: .*)?");
  private static final int MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

  private final int port;
  private final int timeoutMillis;

  public RawHttp(int port, int timeoutMillis) {
    this.port = port;
    this.timeoutMillis = timeoutMillis;
  }

  /** A request under construction: {@code get("/x").header("Host", "evil.example")}. */
  public static final class Request {
    private final String method;
    private final String target;
    private final List<String[]> headers = new ArrayList<>();
    private byte[] body = new byte[0];
    private boolean host = true;
    private boolean contentLength = true;

    private Request(String method, String target) {
      this.method = method;
      this.target = target;
    }

    /** Adds a header; the same name may be added twice. */
    public Request header(String name, String value) {
      headers.add(new String[] {name, value});
      if (name.equalsIgnoreCase("Host")) {
        host = false;
      }
      if (name.equalsIgnoreCase("Content-Length")) {
        contentLength = false;
      }
      return this;
    }

    public Request bearer(String token) {
      return header("Authorization", "Bearer " + token);
    }

    /** Sends no Host header at all (by default {@code Host: 127.0.0.1:<port>} is added). */
    public Request withoutHost() {
      host = false;
      return this;
    }

    /** Sends the body without a Content-Length header (unless one was added by hand). */
    public Request withoutContentLength() {
      contentLength = false;
      return this;
    }

    public Request json(String json) {
      return header("Content-Type", "application/json").body(json.getBytes(StandardCharsets.UTF_8));
    }

    public Request body(byte[] bytes) {
      this.body = bytes;
      return this;
    }

    public String method() {
      return method;
    }

    public String target() {
      return target;
    }

    public byte[] bytes(int port) {
      StringBuilder head = new StringBuilder();
      head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
      if (host) {
        head.append("Host: 127.0.0.1:").append(port).append("\r\n");
      }
      for (String[] h : headers) {
        head.append(h[0]).append(": ").append(h[1]).append("\r\n");
      }
      if (contentLength && (body.length > 0 || method.equals("POST") || method.equals("PUT"))) {
        head.append("Content-Length: ").append(body.length).append("\r\n");
      }
      head.append("Connection: close\r\n\r\n");
      byte[] h = head.toString().getBytes(StandardCharsets.UTF_8);
      byte[] out = new byte[h.length + body.length];
      System.arraycopy(h, 0, out, 0, h.length);
      System.arraycopy(body, 0, out, h.length, body.length);
      return out;
    }

    /** One line for failure messages: method, target (cut), header names, body size. */
    public String summary() {
      String t = target.length() > 120 ? target.substring(0, 120) + "...(" + target.length() + ")" : target;
      StringBuilder sb = new StringBuilder(method.length() > 40 ? method.substring(0, 40) + "..." : method);
      sb.append(' ').append(t).append(" headers=[");
      for (String[] h : headers) {
        String v = h[1].length() > 60 ? h[1].substring(0, 60) + "...(" + h[1].length() + ")" : h[1];
        sb.append(h[0]).append(": ").append(v).append("; ");
      }
      sb.append("] body=").append(body.length).append(" bytes");
      if (body.length > 0) {
        String b = new String(body, 0, Math.min(body.length, 120), StandardCharsets.UTF_8);
        sb.append(" '").append(b).append(body.length > 120 ? "...'" : "'");
      }
      return sb.toString();
    }
  }

  public static Request get(String target) {
    return new Request("GET", target);
  }

  public static Request post(String target) {
    return new Request("POST", target);
  }

  public static Request request(String method, String target) {
    return new Request(method, target);
  }

  /**
   * A parsed response, or {@code closed} when the server closed the connection without answering.
   */
  public record Response(boolean closed, int status, Map<String, List<String>> headers, byte[] body) {

    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON (status " + status + "): " + text(), e);
      }
    }

    public String header(String name) {
      List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
      return v == null || v.isEmpty() ? null : v.get(0);
    }

    @Override
    public String toString() {
      return closed ? "(connection closed without a response)" : status + " " + text();
    }
  }

  /** Thrown when the response is not well-formed HTTP/1.1, or does not come within the timeout. */
  public static final class MalformedResponse extends IOException {
    MalformedResponse(String message) {
      super(message);
    }
  }

  public Response send(Request request) throws IOException {
    return send(request.bytes(port), request.method().equals("HEAD"));
  }

  /**
   * Writes raw bytes as the whole request and reads one response ({@code head}: the answer to a
   * HEAD request, which has no body whatever its headers say).
   */
  public Response send(byte[] raw, boolean head) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(timeoutMillis);
      InputStream in = socket.getInputStream();
      try {
        OutputStream out = socket.getOutputStream();
        out.write(raw);
        out.flush();
      } catch (SocketException e) {
        // The server may answer and close before it has read everything (e.g. 413); read it.
      }
      try {
        return read(in, head);
      } catch (SocketTimeoutException e) {
        throw new MalformedResponse("no complete response within " + timeoutMillis + " ms");
      }
    }
  }

  private static Response read(InputStream in, boolean head) throws IOException {
    String statusLine;
    try {
      statusLine = line(in);
    } catch (SocketException e) {
      return new Response(true, 0, Map.of(), new byte[0]);
    }
    if (statusLine == null) {
      return new Response(true, 0, Map.of(), new byte[0]);
    }
    Matcher m = STATUS_LINE.matcher(statusLine);
    if (!m.matches()) {
      throw new MalformedResponse("bad status line: " + statusLine);
    }
    int status = Integer.parseInt(m.group(1));
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String h = line(in); ; h = line(in)) {
      if (h == null) {
        throw new MalformedResponse("connection closed inside the headers");
      }
      if (h.isEmpty()) {
        break;
      }
      int colon = h.indexOf(':');
      if (colon <= 0) {
        throw new MalformedResponse("bad header line: " + h);
      }
      headers.computeIfAbsent(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(h.substring(colon + 1).trim());
    }
    if (head) {
      return new Response(false, status, headers, new byte[0]);
    }
    try {
      return new Response(false, status, headers, body(in, headers));
    } catch (SocketException e) {
      throw new MalformedResponse("connection reset inside the body of a " + status + " response: " + e.getMessage());
    }
  }

  private static byte[] body(InputStream in, Map<String, List<String>> headers) throws IOException {
    List<String> te = headers.get("transfer-encoding");
    if (te != null && te.get(0).equalsIgnoreCase("chunked")) {
      return chunked(in);
    }
    List<String> cl = headers.get("content-length");
    if (cl != null) {
      if (cl.size() > 1) {
        throw new MalformedResponse("more than one Content-Length: " + cl);
      }
      long n = Long.parseLong(cl.get(0));
      if (n > MAX_RESPONSE_BYTES) {
        throw new MalformedResponse("Content-Length " + n + " too large");
      }
      byte[] b = in.readNBytes((int) n);
      if (b.length != n) {
        throw new MalformedResponse("body has " + b.length + " bytes, Content-Length says " + n);
      }
      return b;
    }
    return in.readNBytes(MAX_RESPONSE_BYTES);
  }

  private static byte[] chunked(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (true) {
      String size = line(in);
      if (size == null) {
        throw new MalformedResponse("connection closed inside a chunked body");
      }
      int n = Integer.parseInt(size.split(";")[0].trim(), 16);
      if (n == 0) {
        line(in);
        return out.toByteArray();
      }
      out.write(in.readNBytes(n));
      line(in);
    }
  }

  /** A CRLF-terminated line, null at end of stream before any byte. */
  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') {
        String s = b.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
      }
      b.write(c);
      if (b.size() > 64 * 1024) {
        throw new MalformedResponse("line longer than 64 KiB");
      }
    }
    return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
  }
}
