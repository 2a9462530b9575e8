package dev.shotclock.dispatch;

import dev.shotclock.db.Jdbc;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Sources held back until a time (a step saw HTTP 429 / Retry-After), kept in the store. */
public final class SourceHolds {

  /** A hold in force. */
  public record Hold(Instant until, String reason) {}

  private final Jdbc jdbc;

  public SourceHolds(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /** Holds a source until {@code until}, or longer if it is already held longer. */
  public void hold(String source, Instant until, String reason) {
    jdbc.inTransaction(tx -> {
      int n = tx.update("UPDATE sc_source_holds SET until_at = ?, reason = ? WHERE source = ? AND until_at < ?",
          a -> a.instant(until).string(reason).string(source).instant(until));
      if (n == 0 && tx.queryLong("SELECT COUNT(*) FROM sc_source_holds WHERE source = ?", a -> a.string(source)) == 0) {
        tx.update("INSERT INTO sc_source_holds (source, until_at, reason) VALUES (?, ?, ?)",
            a -> a.string(source).instant(until).string(reason));
      }
      return null;
    });
  }

  /** Holds still in force at {@code now}. */
  public Map<String, Hold> active(Instant now) {
    Map<String, Hold> out = new HashMap<>();
    jdbc.query("SELECT source, until_at, reason FROM sc_source_holds WHERE until_at > ?",
        a -> a.instant(now), r -> out.put(r.string("source"), new Hold(r.instant("until_at"), r.string("reason"))));
    return out;
  }
}
