# Sourced by mvnw, local_run.sh and .ci/run: points JAVA_HOME at a JDK 21 or newer.
# JAVA_HOME wins when it is 21+; otherwise the usual install places are searched, newest first.

cinema_java_feature() { # prints the feature version of the java binary $1 (17, 21, 25, ...)
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

cinema_find_jdk() {
  local candidate version best="" best_version=0
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    version=$(cinema_java_feature "$JAVA_HOME/bin/java")
    if [ "${version:-0}" -ge 21 ]; then
      printf '%s\n' "$JAVA_HOME"
      return 0
    fi
    echo "JAVA_HOME=$JAVA_HOME is Java ${version:-unknown}; this project needs 21 or newer, looking elsewhere" >&2
  fi
  for candidate in /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/local/jdk* /usr/java/* \
                   "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* \
                   /Library/Java/JavaVirtualMachines/*/Contents/Home \
                   "$(dirname "$(dirname "$(readlink -f "$(command -v javac 2>/dev/null || echo /nonexistent)")")")"; do
    [ -x "$candidate/bin/javac" ] || continue
    version=$(cinema_java_feature "$candidate/bin/java")
    if [ "${version:-0}" -ge 21 ] && [ "$version" -gt "$best_version" ]; then
      best=$candidate
      best_version=$version
    fi
  done
  if [ -z "$best" ]; then
    echo "No JDK 21 or newer found (looked at JAVA_HOME, /usr/lib/jvm, /opt, ~/.sdkman, ~/.jdks and javac on PATH)." >&2
    echo "Install one (for example: apt-get install openjdk-21-jdk-headless) or set JAVA_HOME to it." >&2
    return 1
  fi
  printf '%s\n' "$best"
}

if CINEMA_JDK=$(cinema_find_jdk); then
  export JAVA_HOME="$CINEMA_JDK"
  export PATH="$JAVA_HOME/bin:$PATH"
  # Maven 3.9 uses sun.misc.Unsafe, which JDK 24+ warns about on every build.
  if [ "$(cinema_java_feature "$JAVA_HOME/bin/java")" -ge 24 ]; then
    case " ${MAVEN_OPTS:-} " in
      *sun-misc-unsafe-memory-access*) ;;
      *) export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" ;;
    esac
  fi
else
  CINEMA_JDK=""
fi
