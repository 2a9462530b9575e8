package dev.shotclock.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the versioned schema files {@code db/<dialect>/V00N__name.sql} listed in {@code
 * db/migrations.index}, each in its own transaction, and records them in {@code sc_schema_version}.
 * An applied file whose content changed since is refused: the schema would no longer be what the
 * code expects.
 */
public final class Migrator {

  private static final Logger LOG = LoggerFactory.getLogger(Migrator.class);
  private static final Pattern FILE = Pattern.compile("V(\\d{3})__([a-z0-9_]+)\\.sql");
  /** PostgreSQL advisory lock key: nodes starting together migrate one at a time. */
  private static final long PG_MIGRATION_LOCK = 0x5C0C_1001L;

  /** One schema file. */
  public record Migration(int version, String name, String sql, long checksum) {}

  private final Jdbc jdbc;
  private final Clock clock;

  public Migrator(Jdbc jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Brings the schema up to date; returns how many migrations were applied. */
  public int migrate() {
    List<Migration> all = load(jdbc.dialect());
    return jdbc.inTransaction(tx -> {
      lockForMigration(tx);
      ensureVersionTable(tx);
      Map<Integer, Long> applied = appliedChecksums(tx);
      refuseNewer(applied.keySet().stream().mapToInt(Integer::intValue).max().orElse(0), all,
          "the store");
      int count = 0;
      for (Migration m : all) {
        Long checksum = applied.get(m.version());
        if (checksum == null) {
          apply(tx, m);
          count++;
        } else if (checksum != m.checksum()) {
          throw new DbException("schema migration V" + pad(m.version()) + "__" + m.name()
              + " was changed after it was applied to this store (checksum " + checksum + " != "
              + m.checksum() + "); restore the original file");
        }
      }
      return count;
    });
  }

  /**
   * Refuses a store migrated by a newer ShotClock, before anything is applied: this build would
   * not know what its later migrations changed, and would read (and write) the tables as it knows
   * them.
   *
   * @param newestApplied the highest version recorded in the store (0: none)
   * @param store how to name the store in the message
   */
  static void refuseNewer(int newestApplied, List<Migration> known, String store) {
    int newestKnown = known.isEmpty() ? 0 : known.get(known.size() - 1).version();
    if (newestApplied > newestKnown) {
      throw StoreUnusableException.newerSchema(store, newestApplied, newestKnown);
    }
  }

  /** The migrations of a dialect, in version order. */
  public static List<Migration> load(Dialect dialect) {
    List<Migration> out = new ArrayList<>();
    for (String file : index()) {
      Matcher m = FILE.matcher(file);
      if (!m.matches()) {
        throw new IllegalStateException("bad migration file name in db/migrations.index: " + file);
      }
      String sql = resource(dialect.migrationsDir() + "/" + file);
      out.add(new Migration(Integer.parseInt(m.group(1)), m.group(2), sql, crc(sql)));
    }
    return out;
  }

  private static List<String> index() {
    return resource("db/migrations.index").lines().map(String::trim)
        .filter(l -> !l.isEmpty() && !l.startsWith("#")).collect(Collectors.toList());
  }

  private void apply(Jdbc tx, Migration m) {
    LOG.info("Applying schema migration V{}__{}", pad(m.version()), m.name());
    for (String statement : statements(m.sql())) {
      tx.execute(statement);
    }
    tx.update("INSERT INTO sc_schema_version (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)",
        a -> a.intValue(m.version()).string(m.name()).longValue(m.checksum()).instant(clock.instant()));
  }

  private static void lockForMigration(Jdbc tx) {
    if (tx.dialect() == Dialect.POSTGRES) {
      tx.query("SELECT pg_advisory_xact_lock(?)", a -> a.longValue(PG_MIGRATION_LOCK), r -> 1);
    }
  }

  private static void ensureVersionTable(Jdbc tx) {
    tx.execute("CREATE TABLE IF NOT EXISTS sc_schema_version ("
        + " version INTEGER NOT NULL PRIMARY KEY, name VARCHAR(200) NOT NULL,"
        + " checksum BIGINT NOT NULL, applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
  }

  private static Map<Integer, Long> appliedChecksums(Jdbc tx) {
    return tx.query("SELECT version, checksum FROM sc_schema_version", Jdbc.Binder.NONE,
            r -> Map.entry(r.intValue("version"), r.longValue("checksum")))
        .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  /** Splits a schema file on semicolons that end a line; comment lines are dropped. */
  static List<String> statements(String sql) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : sql.split("\n")) {
      String trimmed = line.trim();
      if (trimmed.startsWith("--") || trimmed.isEmpty()) {
        continue;
      }
      current.append(line).append('\n');
      if (trimmed.endsWith(";")) {
        String stmt = current.toString().trim();
        out.add(stmt.substring(0, stmt.length() - 1));
        current.setLength(0);
      }
    }
    if (!current.toString().isBlank()) {
      out.add(current.toString().trim());
    }
    return out;
  }

  private static String resource(String path) {
    try (InputStream in = Migrator.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing schema resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read schema resource " + path, e);
    }
  }

  private static long crc(String s) {
    CRC32 crc = new CRC32();
    crc.update(s.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8));
    return crc.getValue();
  }

  private static String pad(int v) {
    return String.format("%03d", v);
  }
}
