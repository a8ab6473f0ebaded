# Shared by the benchmark scripts that run the service jar (sourced, not run): the JDK to use, a
# free loopback port, and stopping the service they started.

# Sets JAVA_HOME to a JDK 21 or newer: $JAVA_HOME, the java on the PATH, or Temurin 25.
use_java_21() {
  local major
  major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" && "$(major "$JAVA_HOME/bin/java")" -ge 21 ]]; then
    return 0
  elif command -v java >/dev/null && [[ "$(major java)" -ge 21 ]]; then
    JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
  elif [[ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]]; then
    JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
  else
    echo "need a JDK 21 or newer (set JAVA_HOME)" >&2; exit 2
  fi
  export JAVA_HOME
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# Stops the service whose pid is $service_pid (SIGTERM, SIGKILL after 60 s, and then its mariadbd,
# found by the pid file in the data folder $data), and forgets it.
stop_service() {
  [[ -n "${service_pid:-}" ]] || return 0
  kill -TERM "$service_pid" 2>/dev/null || true
  for _ in $(seq 600); do kill -0 "$service_pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$service_pid" 2>/dev/null; then
    kill -KILL "$service_pid" 2>/dev/null || true
    local db_pid; db_pid=$(cat "$data/mariadb/mariadbd.pid" 2>/dev/null || true)
    [[ -n "$db_pid" ]] && kill -KILL "$db_pid" 2>/dev/null || true
  fi
  wait "$service_pid" 2>/dev/null || true
  service_pid=""
}
