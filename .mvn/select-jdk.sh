# Sourced by ./mvnw and .ci/run: makes JAVA_HOME point at a JDK 21 or newer.
# A JAVA_HOME that is already 21+ is kept; otherwise the java on PATH, then the JDKs under /usr/lib/jvm
# (Debian's usual place) are tried, newest first. Nothing is downloaded.

uplift_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | awk -F'= ' '/java.specification.version/ { split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]); exit }'
}

uplift_select_jdk() {
  local candidate major best="" best_major=0
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    major=$(uplift_java_major "$JAVA_HOME")
    if [ "${major:-0}" -ge 21 ]; then return 0; fi
  fi
  for candidate in $(command -v java >/dev/null 2>&1 && dirname "$(dirname "$(readlink -f "$(command -v java)")")") /usr/lib/jvm/*; do
    [ -x "$candidate/bin/javac" ] || continue
    major=$(uplift_java_major "$candidate")
    if [ "${major:-0}" -ge 21 ] && [ "$major" -gt "$best_major" ]; then best=$candidate; best_major=$major; fi
  done
  if [ -z "$best" ]; then
    echo "Uplift needs a JDK 21 or newer: set JAVA_HOME to one (none found on PATH or under /usr/lib/jvm)." >&2
    return 1
  fi
  export JAVA_HOME="$best"
}

uplift_select_jdk || exit 1
