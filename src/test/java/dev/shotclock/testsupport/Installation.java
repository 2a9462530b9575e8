package dev.shotclock.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The project's own {@code bin/} scripts, as an operator runs them: the daemon as a real process,
 * the CLI as a real process. The jar is built by Maven's package phase before these tests run.
 */
public final class Installation {

  public static final Path HOME = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A CLI invocation's outcome. */
  public record Result(int exitCode, String stdout, String stderr) {
    public JsonNode json() {
      try {
        return JSON.readTree(stdout);
      } catch (IOException e) {
        throw new AssertionError("not JSON (exit " + exitCode + "): " + stdout + "\n" + stderr, e);
      }
    }
  }

  private Installation() {}

  /** Starts {@code bin/shotclockd --config confDir}; output goes to {@code log}. */
  public static Process startDaemon(Path confDir, Path log) throws IOException {
    return startDaemon(confDir, log, List.of());
  }

  /** The same, started through {@code launcher} (e.g. {@code nohup}), which execs the daemon. */
  public static Process startDaemon(Path confDir, Path log, List<String> launcher) throws IOException {
    List<String> cmd = new ArrayList<>(launcher);
    cmd.addAll(List.of(HOME.resolve("bin/shotclockd").toString(), "--config", confDir.toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("SHOTCLOCK_NO_BUILD", "1");
    pb.environment().put("SHOTCLOCK_JAVA_OPTS", "-Xms32m -Xmx256m -XX:+UseSerialGC");
    pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    return pb.start();
  }

  /** Runs {@code bin/shotclock --config confDir args...} and waits for it. */
  public static Result cli(Path confDir, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(HOME.resolve("bin/shotclock").toString(), "--config", confDir.toString()));
    cmd.addAll(List.of(args));
    return run(cmd, Map.of());
  }

  public static Result run(List<String> cmd, Map<String, String> env) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("SHOTCLOCK_NO_BUILD", "1");
    pb.environment().putAll(env);
    Path out = Files.createTempFile("shotclock-cli", ".out");
    Path err = Files.createTempFile("shotclock-cli", ".err");
    try {
      Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("command did not finish in 120 s: " + cmd);
      }
      return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** Writes a config directory: shotclock.yaml plus workflow files (name -> YAML). */
  public static Path writeConfig(Path dir, String daemonYaml, Map<String, String> workflows) throws IOException {
    Path conf = dir.resolve("conf");
    Files.createDirectories(conf.resolve("workflows"));
    Files.writeString(conf.resolve("shotclock.yaml"), daemonYaml);
    for (Map.Entry<String, String> wf : workflows.entrySet()) {
      Files.writeString(conf.resolve("workflows").resolve(wf.getKey()), wf.getValue());
    }
    return conf;
  }

  /** A shotclock.yaml for tests: ephemeral admin port, short graces, H2 under ../var. */
  public static String testDaemonYaml() {
    return String.join("\n",
        "node_id: e2e-node",
        "admin: { port: 0 }",
        "scheduler: { threads: 4, shutdown_grace: 3s, kill_grace: 2s }",
        "");
  }
}
