package dev.shotclock.queue;

import dev.shotclock.db.Args;
import dev.shotclock.db.Jdbc;
import dev.shotclock.db.Row;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One claim transaction: lock the first due tasks in rank order, skipping rows other claimers
 * hold, then mark them RUNNING with an update conditional on their state, so that a task is
 * claimed at most once even if a lock were not enough.
 *
 * <p>On PostgreSQL one {@code ORDER BY claim_rank, id LIMIT n FOR UPDATE SKIP LOCKED} query per
 * source does the locking: an index scan that stops after n rows. H2 would lock every due row
 * with that query (see {@code Dialect.limitsRowLocks}), so there due tasks are read in rank order
 * without locks, a page at a time, and locked one by one by primary key with SKIP LOCKED.
 */
final class Claim {

  private static final Logger LOG = LoggerFactory.getLogger(Claim.class);

  /**
   * Lower bound of {@code claim_rank} in every claim query. why: H2 has no partial index and does
   * not use an index for {@code IS NOT NULL}; the range keeps the NULL entries of running and
   * finished tasks out of the index scan. On PostgreSQL it implies the partial indexes' predicate.
   */
  static final String RANK_FLOOR = "TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00'";

  private static final String WAITING =
      "claim_rank >= " + RANK_FLOOR + " AND not_before <= ?";

  /** Rows read per page when locking by primary key: a few claims' worth, to pass locked rows. */
  private static final int MIN_PAGE = 32;

  private record Candidate(long id, Instant rank) {}

  private static final Comparator<Candidate> RANK_ORDER =
      Comparator.comparing(Candidate::rank).thenComparingLong(Candidate::id);

  private final Jdbc tx;
  private final Instant now;
  private final String nodeId;

  Claim(Jdbc tx, Instant now, String nodeId) {
    this.tx = tx;
    this.now = now;
    this.nodeId = nodeId;
  }

  /**
   * The due tasks of one source (or any, when {@code source} is null) in rank order. Parameters:
   * [source], now, [after rank, after rank, after id,] limit. Ordering by the constant source too
   * lets H2 read the (source, claim_rank, id) index in order.
   *
   * @param locking with {@code FOR UPDATE SKIP LOCKED}
   * @param afterKey only rows after a given (claim_rank, id)
   */
  static String dueSql(Jdbc jdbc, boolean bySource, boolean locking, boolean afterKey) {
    return "SELECT id, claim_rank FROM sc_tasks WHERE "
        + (bySource ? "source = ? AND " : "") + WAITING
        + (afterKey ? " AND claim_rank >= ? AND (claim_rank > ? OR id > ?)" : "")
        + " ORDER BY " + (bySource ? "source, " : "") + "claim_rank, id LIMIT ?"
        + (locking ? jdbc.dialect().skipLocked() : "");
  }

  /**
   * Claims up to {@code max} due tasks in rank order.
   *
   * @param perSource most tasks per source, only from these sources; null = any source, no limit
   */
  List<Task> run(int max, Map<String, Integer> perSource) {
    List<Candidate> candidates;
    if (perSource == null) {
      candidates = lockDue(null, max);
    } else {
      candidates = new ArrayList<>();
      for (Map.Entry<String, Integer> e : new TreeMap<>(perSource).entrySet()) {
        candidates.addAll(lockDue(e.getKey(), Math.min(max, e.getValue())));
      }
      // one indexed query per source finds a rare source at once however many tasks the others
      // have; rows locked beyond max are released at commit
      candidates = candidates.stream().sorted(RANK_ORDER).limit(max).collect(Collectors.toList());
    }
    List<Long> ids = markRunning(candidates);
    if (ids.isEmpty()) {
      return List.of();
    }
    return tx.query("SELECT " + TaskRows.COLUMNS + " FROM sc_tasks WHERE id IN ("
            + String.join(", ", Collections.nCopies(ids.size(), "?")) + ") ORDER BY rank_at, id",
        a -> {
          for (long id : ids) {
            a.longValue(id);
          }
        }, TaskRows.MAPPER);
  }

  /** Locks up to {@code n} due tasks of {@code source} (null = any) in rank order. */
  private List<Candidate> lockDue(String source, int n) {
    if (n <= 0) {
      return List.of();
    }
    if (tx.dialect().limitsRowLocks()) {
      return tx.query(dueSql(tx, source != null, true, false),
          a -> bindSource(a, source).instant(now).intValue(n), Claim::candidate);
    }
    return lockDueByKey(source, n);
  }

  private List<Candidate> lockDueByKey(String source, int n) {
    int page = Math.max(MIN_PAGE, 2 * n);
    List<Candidate> locked = new ArrayList<>();
    Candidate after = null;
    while (locked.size() < n) {
      Candidate last = after;
      List<Candidate> due = tx.query(dueSql(tx, source != null, false, last != null), a -> {
        bindSource(a, source).instant(now);
        if (last != null) {
          a.instant(last.rank()).instant(last.rank()).longValue(last.id());
        }
        a.intValue(page);
      }, Claim::candidate);
      for (Candidate c : due) {
        if (locked.size() < n && lockIfDue(c.id())) {
          locked.add(c);
        }
      }
      if (due.size() < page) {
        break;
      }
      after = due.get(due.size() - 1);
    }
    return locked;
  }

  /** Locks one task by primary key if it is still due. Parameters: id, now. */
  static String lockIfDueSql(Jdbc jdbc) {
    return "SELECT id FROM sc_tasks WHERE id = ? AND " + WAITING + jdbc.dialect().skipLocked();
  }

  /** Locks one task by primary key if it is still due and no one else holds it. */
  private boolean lockIfDue(long id) {
    return !tx.query(lockIfDueSql(tx), a -> a.longValue(id).instant(now), r -> r.longValue("id"))
        .isEmpty();
  }

  private static Args bindSource(Args a, String source) throws SQLException {
    return source == null ? a : a.string(source);
  }

  private static Candidate candidate(Row r) throws SQLException {
    return new Candidate(r.longValue("id"), r.instant("claim_rank"));
  }

  private List<Long> markRunning(List<Candidate> candidates) {
    if (candidates.isEmpty()) {
      return List.of();
    }
    List<Jdbc.Binder> rows = new ArrayList<>();
    for (Candidate c : candidates) {
      rows.add(a -> a.instant(now).string(nodeId).longValue(c.id()));
    }
    int[] counts = tx.batch("UPDATE sc_tasks SET state = 'RUNNING', attempt = attempt + 1,"
        + " started_at = ?, claimed_by = ?, finished_at = NULL, run_id = NULL"
        + " WHERE id = ? AND state IN ('PENDING', 'RETRY_WAIT')", rows);
    List<Long> claimed = new ArrayList<>();
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] == 1) {
        claimed.add(candidates.get(i).id());
      } else {
        LOG.debug("task={} was claimed by another node first", candidates.get(i).id());
      }
    }
    return claimed;
  }
}
