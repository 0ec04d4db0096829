# Sourced by ./mvnw and bin/jing: finds a JDK 25 or newer without the user setting JAVA_HOME.
# Order: $JAVA_HOME, `java` on PATH, then every JDK under /usr/lib/jvm (newest first).

jing_java_major() { # prints the major version of the java binary $1, or nothing
  # the JDK's release file says it without starting a JVM (a tenth of a second each)
  local release major
  release="$(dirname "$(dirname "$1")")/release"
  if [ -f "$release" ]; then
    major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release" | head -n 1)
    if [ -n "$major" ]; then echo "$major"; return 0; fi
  fi
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

jing_is_jdk25() { # $1: a JAVA_HOME candidate; true when it holds java and javac of version >= 25
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  local major; major=$(jing_java_major "$1/bin/java")
  [ -n "$major" ] && [ "$major" -ge 25 ]
}

find_jdk25() { # prints a JAVA_HOME with JDK >= 25, or explains what to install and fails
  if [ -n "${JAVA_HOME:-}" ] && jing_is_jdk25 "$JAVA_HOME"; then echo "$JAVA_HOME"; return 0; fi
  if command -v java >/dev/null 2>&1; then
    local home; home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    if jing_is_jdk25 "$home"; then echo "$home"; return 0; fi
  fi
  local d
  for d in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    d=${d%/}
    if jing_is_jdk25 "$d"; then echo "$d"; return 0; fi
  done
  {
    echo "error: Jingchain needs a JDK 25 (or newer) and found none."
    echo "  looked at: \$JAVA_HOME (${JAVA_HOME:-unset}), 'java' on PATH, /usr/lib/jvm/*"
    echo "  install one, e.g.: apt-get install openjdk-25-jdk   (or Temurin 25 from adoptium.net)"
    echo "  or point JAVA_HOME at an existing JDK 25."
  } >&2
  return 1
}
