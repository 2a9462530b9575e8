package dev.shotclock.db;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The file an embedded H2 store keeps its data in, read from its JDBC URL: {@code
 * jdbc:h2:[retry:|file:|nio:|...]PATH[;OPTION=...]} stores {@code PATH.mv.db}. In-memory and
 * server URLs ({@code mem:}, {@code tcp:}, {@code ssl:}) have no file on this machine.
 */
public final class H2StoreFile {

  private static final String PREFIX = "jdbc:h2:";
  /** H2's file-system prefixes; they may be stacked ({@code split:28:retry:file:/x}). */
  private static final Pattern FILE_SYSTEM =
      Pattern.compile("^(retry|file|nio|niomapped|async|split(:\\d+)?):", Pattern.CASE_INSENSITIVE);
  private static final List<String> NOT_A_LOCAL_FILE =
      List.of("mem:", "memfs:", "memlzf:", "niomemfs:", "niomemlzf:", "tcp:", "ssl:", "zip:");

  private H2StoreFile() {}

  /** The {@code .mv.db} file of an H2 URL, absolute; empty for PostgreSQL and non-file H2 URLs. */
  public static Optional<Path> of(String jdbcUrl) {
    if (!jdbcUrl.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return Optional.empty();
    }
    String name = stripFileSystems(databaseName(jdbcUrl));
    String lower = name.toLowerCase(Locale.ROOT);
    if (name.isEmpty() || NOT_A_LOCAL_FILE.stream().anyMatch(lower::startsWith)) {
      return Optional.empty();
    }
    if (name.startsWith("~")) {
      name = System.getProperty("user.home") + name.substring(1);
    }
    return Optional.of(Path.of(name + ".mv.db").toAbsolutePath().normalize());
  }

  /** The part between {@code jdbc:h2:} and the first {@code ;} (where the options start). */
  private static String databaseName(String jdbcUrl) {
    String rest = jdbcUrl.substring(PREFIX.length());
    int options = rest.indexOf(';');
    return options < 0 ? rest : rest.substring(0, options);
  }

  private static String stripFileSystems(String name) {
    String rest = name;
    for (Matcher m = FILE_SYSTEM.matcher(rest); m.find(); m = FILE_SYSTEM.matcher(rest)) {
      rest = rest.substring(m.end());
    }
    return rest;
  }
}
