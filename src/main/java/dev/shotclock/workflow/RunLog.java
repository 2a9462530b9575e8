package dev.shotclock.workflow;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log file of one run ({@code <logs>/runs/<workflow>/<run-id>.log}), shared by its steps, which
 * may run in parallel: every line is stamped with the time and the step, and lines of different
 * steps never interleave mid-line. The cap applies to step output only: once the file has reached
 * {@code capBytes}, step output is dropped (each step still counts it) after one marker line, so a
 * child printing without end can neither fill the disk nor the heap. The daemon's own lines (try,
 * step and run start and end, errors) are always written, each at most {@link #MAX_LINE} long: a
 * capped log must still say how its run ended.
 */
public final class RunLog implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RunLog.class);
  /** A line longer than this is written in pieces. */
  static final int MAX_LINE = 8 * 1024;
  private static final byte[] NEWLINE = {'\n'};

  private final OutputStream out;
  private final long capBytes;
  private final Clock clock;
  private long written;
  private boolean capped;
  private boolean failed;

  private RunLog(OutputStream out, long existing, long capBytes, Clock clock) {
    this.out = out;
    this.written = existing;
    this.capBytes = capBytes;
    this.clock = clock;
  }

  /** Opens (appending: a re-run after a crash continues the same file) or creates the log. */
  public static RunLog open(Path file, long capBytes, Clock clock) throws IOException {
    Files.createDirectories(file.getParent());
    long existing = Files.exists(file) ? Files.size(file) : 0;
    OutputStream out = new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND, StandardOpenOption.WRITE), 64 * 1024);
    return new RunLog(out, existing, capBytes, clock);
  }

  public StepOutput forStep(String stepId) {
    return new StepLines(this, stepId, clock);
  }

  /** A line from the daemon about the whole run; written even when step output is capped. */
  public void note(String text) {
    daemonLine("run", text);
  }

  public synchronized long bytesWritten() {
    return written;
  }

  public synchronized boolean capped() {
    return capped;
  }

  /**
   * A line of a step's output, kept while the file is under the cap. The first line that does not
   * fit writes the marker instead; from then on every step's output is dropped.
   */
  synchronized void output(String source, byte[] buf, int off, int len) {
    if (failed || capped) {
      return;
    }
    byte[] prefix = prefix(source);
    if (written + prefix.length + len + 1 > capBytes) {
      capped = true;
      daemonLine(source, "output capped at " + capBytes + " bytes (logs.run_log_cap); further step"
          + " output is counted, not kept");
      return;
    }
    write(prefix, buf, off, len, false);
  }

  /** A line of the daemon's own: always written (whatever the cap) and flushed at once. */
  synchronized void daemonLine(String source, String text) {
    if (failed) {
      return;
    }
    String line = text.length() > MAX_LINE ? text.substring(0, MAX_LINE) + "..." : text;
    byte[] b = ("[shotclock] " + line).getBytes(StandardCharsets.UTF_8);
    write(prefix(source), b, 0, b.length, true);
  }

  private byte[] prefix(String source) {
    return (DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.MILLIS))
        + " [" + source + "] ").getBytes(StandardCharsets.UTF_8);
  }

  /** Writes one stamped line; {@code flush} makes it visible to readers of the file at once. */
  private void write(byte[] prefix, byte[] buf, int off, int len, boolean flush) {
    try {
      out.write(prefix);
      out.write(buf, off, len);
      out.write(NEWLINE);
      written += prefix.length + len + 1;
      if (flush) {
        out.flush();
      }
    } catch (IOException e) {
      failed = true;
      LOG.error("cannot write a run log; further output of this run is dropped: {}", e.getMessage());
    }
  }

  synchronized void flush() {
    try {
      out.flush();
    } catch (IOException e) {
      failed = true;
      LOG.error("cannot flush a run log: {}", e.getMessage());
    }
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }

  /** One step's view of the log: splits its raw output into lines. */
  private static final class StepLines implements StepOutput {
    private final RunLog log;
    private final String step;
    private final Clock clock;
    private final byte[] partial = new byte[MAX_LINE];
    private int partialLen;
    private volatile long seen;
    private volatile Instant lastOutputAt;

    StepLines(RunLog log, String step, Clock clock) {
      this.log = log;
      this.step = step;
      this.clock = clock;
    }

    @Override
    public synchronized void write(byte[] buf, int off, int len) {
      seen += len;
      lastOutputAt = clock.instant();
      int start = off;
      int end = off + len;
      for (int i = off; i < end; i++) {
        if (buf[i] == '\n') {
          emit(buf, start, i - start);
          start = i + 1;
        }
      }
      buffer(buf, start, end - start);
      log.flush();
    }

    /** Completes a line: the buffered start of it, then this piece. */
    private void emit(byte[] buf, int off, int len) {
      if (partialLen > 0) {
        buffer(buf, off, len);
        flushPartial();
      } else {
        log.output(step, buf, off, trimCr(buf, off, len));
      }
    }

    private void buffer(byte[] buf, int off, int len) {
      while (len > 0) {
        int n = Math.min(len, MAX_LINE - partialLen);
        System.arraycopy(buf, off, partial, partialLen, n);
        partialLen += n;
        off += n;
        len -= n;
        if (partialLen == MAX_LINE) {
          flushPartial();
        }
      }
    }

    private void flushPartial() {
      log.output(step, partial, 0, trimCr(partial, 0, partialLen));
      partialLen = 0;
    }

    private static int trimCr(byte[] buf, int off, int len) {
      return len > 0 && buf[off + len - 1] == '\r' ? len - 1 : len;
    }

    @Override
    public void note(String text) {
      log.daemonLine(step, text);
    }

    @Override
    public synchronized void end() {
      if (partialLen > 0) {
        flushPartial();
      }
      log.flush();
    }

    @Override
    public long bytesSeen() {
      return seen;
    }

    @Override
    public Instant lastOutputAt() {
      return lastOutputAt;
    }
  }
}
