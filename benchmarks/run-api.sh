#!/usr/bin/env bash
# API benchmark of Coze Timer on loopback: builds the service jar, starts it in embedded mode on a
# fresh data folder, runs wrk (-t2 -c16 by default) against GET /openapi (the same-run reference),
# POST /api/v1/tasks (creates), GET /api/v1/tasks/{id} (one task) and
# GET /api/v1/users/{id}/tasks?limit=50 (the first page of a user with 200 tasks), prints a table
# with the CPU time per request of the service and of its MariaDB (from /proc, over each measured
# call), and stops what it started.
#
#   benchmarks/run-api.sh                              # 15 s per call
#   BENCH_SKIP_BUILD=1 benchmarks/run-api.sh --duration 10 --jfr
#
# Options: --duration S (per call, default 15), --threads T, --connections C (wrk's -t/-c, default
# 2/16), --jfr (a flight recording of the service, kept in the data folder), --keep (keep the data
# folder). Environment: MVN_FLAGS (e.g. -o), BENCH_SKIP_BUILD=1 to reuse the last jar, BENCH_JAVA_OPTS
# (the service's JVM options), BENCH_ENV (extra service environment, e.g. "TIMER_DB_POOL_SIZE=40").
set -euo pipefail
cd "$(dirname "$0")/.."

duration=15 threads=2 connections=16 jfr=0 keep=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --duration) duration="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --jfr) jfr=1; shift ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }

source benchmarks/java-home.sh
java="$JAVA_HOME/bin/java"
jar=bootstrap/target/coze-timer.jar

if [[ "${BENCH_SKIP_BUILD:-0}" != 1 || ! -s "$jar" ]]; then
  timeout 900 mvn -B -q ${MVN_FLAGS:-} -pl bootstrap -am package -DskipTests
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/coze-api-bench.XXXXXX")
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
service_pid=""
stop_service() {
  if [[ -n "$service_pid" ]] && kill -0 "$service_pid" 2>/dev/null; then
    kill -TERM "$service_pid"
    for _ in $(seq 1 60); do kill -0 "$service_pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$service_pid" 2>/dev/null && { echo "service did not stop in 30 s: killing it" >&2; kill -KILL "$service_pid"; }
    wait "$service_pid" 2>/dev/null || true
  fi
  # The embedded MariaDB is the service's child; after a forced stop it may be left running.
  local db_pid
  db_pid=$(pgrep -f -- "--datadir=$work/data/mariadb" || true)
  [[ -n "$db_pid" ]] && kill -KILL $db_pid 2>/dev/null || true
  service_pid=""
}
cleanup() {
  stop_service
  if [[ "$keep" == 1 || "$jfr" == 1 ]]; then echo "data folder kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT INT TERM

jvm_opts=(${BENCH_JAVA_OPTS:--Xmx1g})
[[ "$jfr" == 1 ]] && jvm_opts+=("-XX:StartFlightRecording=filename=$work/service.jfr,settings=profile,dumponexit=true")
echo "starting the service on $base (data in $work/data)"
env TIMER_MODE=embedded TIMER_DATA_DIR="$work/data" SERVER_PORT="$port" TIMER_ALLOW_PRIVATE_TARGETS=true \
    TIMER_TASKS_MAX_ACTIVE=100000000 ${BENCH_ENV:-} \
    "$java" "${jvm_opts[@]}" -jar "$jar" >"$work/service.log" 2>&1 &
service_pid=$!
for _ in $(seq 1 240); do
  curl -fs -o /dev/null "$base/actuator/health" && break
  kill -0 "$service_pid" 2>/dev/null || { echo "the service stopped:" >&2; tail -20 "$work/service.log" >&2; exit 1; }
  sleep 0.5
done
curl -fs -o /dev/null "$base/actuator/health" || { echo "the service did not serve within 120 s" >&2; exit 1; }

# Creates go to one user; the reads go to another, whose 200 tasks do not grow during the run (a
# listing's total counts all of its user's tasks).
mint() { TIMER_DATA_DIR="$work/data" timeout 60 "$java" -jar "$jar" token create --user "$1" --label api-bench; }
creator=1001 reader=1002 seeds=200
create_token=$(mint "$creator")
read_token=$(mint "$reader")
auth="Authorization: Bearer $read_token"
body() { echo '{"user_id":'"$1"',"type":"cron","cron_expression":"0 0 12 * * ?","http_endpoint":"http://127.0.0.1:9/x"}'; }
cat >"$work/create.lua" <<EOF
wrk.method = "POST"
wrk.body = '$(body "$creator")'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $create_token"
EOF
for _ in $(seq 1 "$seeds"); do
  timeout 30 curl -fs -o "$work/created.json" -X POST "$base/api/v1/tasks" -H "$auth" -H 'Content-Type: application/json' \
      -d "$(body "$reader")"
done
task_id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["task_id"])' "$work/created.json")

# CPU time (user + system, clock ticks) of a process so far; 0 once it is gone.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
db_pid=$(pgrep -P "$service_pid" mariadbd | head -1 || true)
run_wrk() { # name, then wrk's arguments; prints "name rate p50 p99 non2xx service-ms db-ms" (CPU per request)
  local name="$1"; shift
  local out="$work/wrk-$name.txt"
  local s0 d0 s1 d1
  s0=$(cpu_ticks "$service_pid"); d0=$(cpu_ticks "${db_pid:-0}")
  timeout $((duration + 30)) wrk -t"$threads" -c"$connections" -d"${duration}s" --latency "$@" >"$out" 2>&1 || true
  s1=$(cpu_ticks "$service_pid"); d1=$(cpu_ticks "${db_pid:-0}")
  local rate p50 p99 bad count per
  rate=$(awk '/^Requests\/sec:/ {print $2}' "$out")
  p50=$(awk '$1 == "50%" {print $2}' "$out")
  p99=$(awk '$1 == "99%" {print $2}' "$out")
  bad=$(awk '/Non-2xx or 3xx responses:/ {print $5}' "$out")
  count=$(awk '/requests in/ {print $1}' "$out")
  per=$(awk -v s=$((s1 - s0)) -v d=$((d1 - d0)) -v n="${count:-0}" -v hz="$(getconf CLK_TCK)" \
      'BEGIN { if (n > 0) printf "%.3f %.3f", s * 1000 / hz / n, d * 1000 / hz / n; else print "? ?" }')
  printf '%s %s %s %s %s %s\n' "$name" "${rate:-?}" "${p50:-?}" "${p99:-?}" "${bad:-0}" "$per"
}

echo "wrk -t$threads -c$connections -d${duration}s per call; warm-up 5 s each"
results=()
for call in openapi create get list; do
  case "$call" in
    openapi) args=("$base/openapi") ;;
    create) args=(-s "$work/create.lua" "$base/api/v1/tasks") ;;
    get) args=(-H "$auth" "$base/api/v1/tasks/$task_id") ;;
    list) args=(-H "$auth" "$base/api/v1/users/$reader/tasks?limit=50") ;;
  esac
  timeout 40 wrk -t"$threads" -c"$connections" -d5s "${args[@]}" >/dev/null 2>&1 || true
  results+=("$(run_wrk "$call" "${args[@]}")")
done
curl -fs -o /dev/null -w '' "$base/api/v1/tasks/$task_id" -H "$auth" || echo "warning: the task read failed after the run" >&2

reference=$(printf '%s\n' "${results[@]}" | awk '$1 == "openapi" {print $2}')
echo
printf '| call | req/s | vs /openapi | p50 | p99 | non-2xx | service CPU ms/req | mariadbd CPU ms/req |\n|---|---:|---:|---:|---:|---:|---:|---:|\n'
for line in "${results[@]}"; do
  read -r name rate p50 p99 bad service_ms db_ms <<<"$line"
  ratio=$(awk -v r="$rate" -v ref="$reference" 'BEGIN { if (ref > 0 && r + 0 > 0) printf "%.3f", r / ref; else print "?" }')
  case "$name" in
    openapi) label='GET /openapi' ;;
    create) label='POST /api/v1/tasks' ;;
    get) label='GET /api/v1/tasks/{id}' ;;
    list) label="GET /api/v1/users/{id}/tasks?limit=50 ($seeds tasks)" ;;
  esac
  printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$label" "$rate" "$ratio" "$p50" "$p99" "$bad" "$service_ms" "$db_ms"
done
echo
echo "machine load during the run: $(cut -d' ' -f1-3 /proc/loadavg)"
