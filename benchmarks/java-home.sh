# Sourced by the benchmark scripts: exports JAVA_HOME as a JDK 21 or newer (JAVA_HOME, the java on
# the PATH, or the Temurin 25 of these machines), or stops the script.
java_major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
pick_java_home() {
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" && "$(java_major "$JAVA_HOME/bin/java")" -ge 21 ]]; then
    echo "$JAVA_HOME"
  elif command -v java >/dev/null && [[ "$(java_major java)" -ge 21 ]]; then
    dirname "$(dirname "$(readlink -f "$(command -v java)")")"
  elif [[ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]]; then
    echo /usr/lib/jvm/temurin-25-jdk-amd64
  else
    echo "need a JDK 21 or newer (set JAVA_HOME)" >&2; exit 2
  fi
}
export JAVA_HOME="$(pick_java_home)"

