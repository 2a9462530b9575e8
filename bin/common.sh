# Shared by bin/shotclockd and bin/shotclock: locate the installation, build it on first use,
# and find java. Sourced, not executed.

SHOTCLOCK_HOME="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
SHOTCLOCK_JAR="$SHOTCLOCK_HOME/target/shotclock.jar"

# Builds target/shotclock.jar (and target/lib) when it is missing or older than the sources.
# Set SHOTCLOCK_NO_BUILD=1 to never build (an installed copy without sources).
shotclock_ensure_built() {
  if [ "${SHOTCLOCK_NO_BUILD:-0}" = "1" ] || [ ! -f "$SHOTCLOCK_HOME/pom.xml" ]; then
    return 0
  fi
  if [ -f "$SHOTCLOCK_JAR" ] && [ -z "$(find "$SHOTCLOCK_HOME/src/main" "$SHOTCLOCK_HOME/pom.xml" -newer "$SHOTCLOCK_JAR" -print -quit 2>/dev/null)" ]; then
    return 0
  fi
  if ! command -v mvn >/dev/null 2>&1; then
    echo "shotclock: $SHOTCLOCK_JAR is missing or stale and Maven (mvn) is not installed to build it" >&2
    exit 1
  fi
  mkdir -p "$SHOTCLOCK_HOME/target"
  (
    # Two scripts starting at once build once.
    flock 9
    if [ ! -f "$SHOTCLOCK_JAR" ] || [ -n "$(find "$SHOTCLOCK_HOME/src/main" "$SHOTCLOCK_HOME/pom.xml" -newer "$SHOTCLOCK_JAR" -print -quit 2>/dev/null)" ]; then
      echo "shotclock: building $SHOTCLOCK_JAR (first use or sources changed)..." >&2
      mvn -q -B -f "$SHOTCLOCK_HOME/pom.xml" -DskipTests package >&2 || { echo "shotclock: build failed" >&2; exit 1; }
    fi
  ) 9>"$SHOTCLOCK_HOME/target/.build.lock"
}

# Class-data sharing for the daemon's start-up (JDK 13+ dynamic archive): the classes a start loads
# (about 5,000: configuration, H2, migrations, Quartz, Jackson, the admin API) are recorded once,
# by a rehearsal (dev.shotclock.daemon.StartupTraining) run after each build, into
# target/shotclockd.jsa; every later start maps them instead of reading, parsing and verifying them
# from the jars (about 0.8 s less to the first fire here, docs/benchmarks.md). Prints the JVM
# options to use it, or nothing: when the rehearsal fails, target/ is read-only, or
# SHOTCLOCK_NO_CDS=1, the daemon simply starts without it. A stale archive (another JDK, changed
# jars) is ignored by the JVM, silently.
shotclock_cds_options() {
  local java="$1" jsa="$SHOTCLOCK_HOME/target/shotclockd.jsa"
  if [ "${SHOTCLOCK_NO_CDS:-0}" = "1" ] || [ ! -f "$SHOTCLOCK_JAR" ] || [ ! -w "$SHOTCLOCK_HOME/target" ]; then
    return 0
  fi
  if shotclock_cds_stale "$jsa"; then
    (
      # Daemons starting at once rehearse once; the archive appears whole (mv) or not at all.
      flock 9
      if shotclock_cds_stale "$jsa"; then
        echo "shotclock: recording start-up classes for faster starts (once per build)..." >&2
        local tmp="$jsa.$$.tmp"
        if timeout 120 "$java" -Xms64m -Xmx512m "-XX:ArchiveClassesAtExit=$tmp" -Xlog:cds=off \
            -Xlog:cds+dynamic=off '-Djdk.serialFilter=!*' -cp "$SHOTCLOCK_JAR" \
            dev.shotclock.daemon.StartupTraining >/dev/null 2>&1 && [ -s "$tmp" ]; then
          mv -f "$tmp" "$jsa"
        else
          rm -f "$tmp"
          # not again for this build: a rehearsal that fails once would fail at every start
          echo "shotclock: start-up class recording failed; starting without it" >&2
          touch "$jsa.failed"
        fi
      fi
    ) 9>"$SHOTCLOCK_HOME/target/.cds.lock"
  fi
  if [ -f "$jsa" ] && [ ! "$SHOTCLOCK_JAR" -nt "$jsa" ]; then
    echo "-XX:SharedArchiveFile=$jsa -Xlog:cds=off -Xlog:cds+dynamic=off"
  fi
}

# Whether the archive is missing or older than the jar, and no rehearsal of this build failed.
shotclock_cds_stale() {
  local jsa="$1"
  { [ ! -f "$jsa" ] || [ "$SHOTCLOCK_JAR" -nt "$jsa" ]; } \
    && { [ ! -f "$jsa.failed" ] || [ "$SHOTCLOCK_JAR" -nt "$jsa.failed" ]; }
}

# The JVM decodes its command line, and encodes the argv and environment of every child process,
# in the locale's character set. Under the C locale (what systemd and slim containers give when no
# locale is configured) that is ASCII, and each non-ASCII character of a step argument or a run
# parameter reaches the step as '?'. So when the locale is not UTF-8, switch the character type
# (only) to C.UTF-8; children inherit it, and get the bytes the configuration holds.
shotclock_utf8_locale() {
  case "$(locale charmap 2>/dev/null)" in
    [Uu][Tt][Ff]-8 | [Uu][Tt][Ff]8) return 0 ;;
  esac
  if [ -n "${LC_ALL:-}" ]; then
    export LC_ALL=C.UTF-8
  else
    export LC_CTYPE=C.UTF-8
  fi
}

shotclock_java() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    echo "$JAVA_HOME/bin/java"
  elif command -v java >/dev/null 2>&1; then
    command -v java
  else
    echo "shotclock: java (17 or newer) not found; install it or set JAVA_HOME" >&2
    exit 1
  fi
}

# The --config value among the arguments, else $SHOTCLOCK_CONF, else conf/ of the installation.
shotclock_conf_dir() {
  local prev=""
  for arg in "$@"; do
    if [ "$prev" = "--config" ]; then echo "$arg"; return; fi
    case "$arg" in --config=*) echo "${arg#--config=}"; return;; esac
    prev="$arg"
  done
  echo "${SHOTCLOCK_CONF:-$SHOTCLOCK_HOME/conf}"
}
