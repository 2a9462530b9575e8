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
