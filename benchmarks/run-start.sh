#!/usr/bin/env bash
# Start-time benchmark of the embedded service: starts the built jar RUNS times on a fresh data
# folder (first start: install the system tables, apply every migration) and RUNS times on the
# same folder again (restart), each time from the process's launch to the first 200 of
# /observe/health/ready, and prints a table of where the time went. Loopback only; every process
# it starts is stopped (SIGTERM, then SIGKILL after 60 s), every step has a time limit.
#
#   benchmarks/run-start.sh                 # build the jar, 3 first starts and 3 restarts
#   benchmarks/run-start.sh --runs 5 --skip-build
#   benchmarks/run-start.sh --cold-cache    # the first first-start also unpacks the MariaDB binaries
#   benchmarks/run-start.sh --no-archive    # plain java -jar, without the README's class-data archive
#
# The service runs as the README starts it, with -XX:+AutoCreateSharedArchive, its archive in a
# fresh folder: the first run has none and writes it when it stops, every later run maps it.
#
# Columns (milliseconds after the launch, from the service's log times; FINE "start phase" lines):
#   jsa      whether the class-data archive was there at the launch (- with --no-archive)
#   unpack   unpacking the MariaDB binaries into the per-user cache (only with --cold-cache)
#   install  mariadb-install-db on a new data folder (first starts only)
#   mariadbd from starting mariadbd to its accepting the service's user
#   db_up    when "embedded MariaDB on ..." was logged: the database serves
#   migrate  the schema check or migration (Flyway on a first start, a history check on a restart)
#   schema   when "schema migrations: ..." was logged
#   listen   when "listening on ..." was logged: the web server is up
#   ready    the first 200 of /observe/health/ready, polled every 20 ms
#   cpu_jvm  CPU time (user + system) the service's JVM had used when it was ready: on a machine
#            busy with other work the wall times above stretch, this much less
#   cpu_db   the same for its mariadbd (and, on a first start, not mariadb-install-db)
#
# Environment: MVN_FLAGS (e.g. -o), JAVA_OPTS for the service's JVM.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

runs=3 skip_build=0 cold_cache=0 archive=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --skip-build) skip_build=1; shift ;;
    --cold-cache) cold_cache=1; shift ;;
    --no-archive) archive=0; shift ;;
    -h|--help) sed -n '2,30p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

source benchmarks/lib-service.sh
use_java_21
java=$JAVA_HOME/bin/java

if [[ $skip_build != 1 || ! -f bootstrap/target/coze-timer.jar ]]; then
  timeout 900 mvn -B -q ${MVN_FLAGS:-} -pl bootstrap -am package -DskipTests
fi
jar=$repo/bootstrap/target/coze-timer.jar

work=$(mktemp -d /tmp/coze-start-bench.XXXXXX)
service_pid=""
trap 'stop_service; rm -rf "$work"' EXIT

# The built-in logging configuration, plus the FINE start-phase lines.
cp bootstrap/src/main/resources/logging.properties "$work/logging.properties"
cat >> "$work/logging.properties" <<'EOF'
com.coze.timer.persistence.EmbeddedMariaDb.level=FINE
com.coze.timer.persistence.MariaDbBinaries.level=FINE
com.coze.timer.bootstrap.Storage.level=FINE
EOF
if [[ $cold_cache == 1 ]]; then export XDG_CACHE_HOME=$work/cache; fi

millis_of() { date -d "$1" +%s%3N; }
# The time of the first log line matching $2 in file $1, in ms after $3; "-" if none.
at() { local line; line=$(grep -m1 -- "$2" "$1" | cut -d' ' -f1 || true); [[ -n "$line" ]] && echo $(( $(millis_of "$line") - $3 )) || echo -; }
# The number in the first FINE "start phase" line matching $2.
took() { local ms; ms=$(grep -m1 -- "start phase: $2" "$1" | grep -o '[0-9]* ms' | tail -1 | cut -d' ' -f1 || true); echo "${ms:--}"; }
# User + system CPU of process $1 in ms (fields 14 and 15 of /proc/PID/stat, in clock ticks).
cpu_ms() { [[ -n "$1" && -r /proc/$1/stat ]] || { echo -; return; }; awk -v hz="$(getconf CLK_TCK)" '{sub(/.*\) /, ""); print int(($12 + $13) * 1000 / hz)}' "/proc/$1/stat"; }


jsa=$work/coze-timer.jsa
archive_opts=(); [[ $archive == 1 ]] && archive_opts=("-XX:SharedArchiveFile=$jsa" -XX:+AutoCreateSharedArchive)

printf '%-8s %3s %3s %7s %7s %8s %7s %7s %7s %7s %7s %7s %7s\n' kind run jsa unpack install mariadbd db_up migrate schema listen ready cpu_jvm cpu_db
one_start() { # kind run
  local kind=$1 run=$2 log="$work/$1-$2.log" http_port t0 ready=- cpu_jvm=- cpu_db=- had=-
  if [[ $archive == 1 ]]; then had=no; [[ -f $jsa ]] && had=yes; fi
  http_port=$(free_port)
  t0=$(date +%s%3N)
  (cd "$work" && TIMER_DATA_DIR="$data" SERVER_PORT=$http_port exec "$java" "${archive_opts[@]}" ${JAVA_OPTS:-} -jar "$jar") >"$log" 2>&1 &
  service_pid=$!
  for _ in $(seq 6000); do # 120 s
    if curl -s -o /dev/null -m 1 -w '%{http_code}' "http://127.0.0.1:$http_port/observe/health/ready" | grep -q 200; then
      ready=$(( $(date +%s%3N) - t0 )); cpu_jvm=$(cpu_ms "$service_pid"); cpu_db=$(cpu_ms "$(cat "$data/mariadb/mariadbd.pid" 2>/dev/null)"); break
    fi
    kill -0 "$service_pid" 2>/dev/null || break
    sleep 0.02
  done
  printf '%-8s %3s %3s %7s %7s %8s %7s %7s %7s %7s %7s %7s %7s\n' "$kind" "$run" "$had" "$(took "$log" unpacking)" "$(took "$log" mariadb-install-db)" \
    "$(took "$log" mariadbd)" "$(at "$log" 'embedded MariaDB on' "$t0")" "$(took "$log" 'schema migrations')" \
    "$(at "$log" 'schema migrations:' "$t0")" "$(at "$log" 'listening on' "$t0")" "$ready" "$cpu_jvm" "$cpu_db"
  stop_service
  [[ $ready != - ]] || { echo "the service did not become ready; its output:" >&2; cat "$log" >&2; exit 1; }
}

for run in $(seq "$runs"); do
  data=$work/data-$run
  one_start first "$run"
  one_start restart "$run"
  if [[ $cold_cache == 1 ]]; then unset XDG_CACHE_HOME; fi
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); logs were in $work (removed)"
