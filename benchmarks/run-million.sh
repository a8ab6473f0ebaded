#!/usr/bin/env bash
# A million stored tasks: the embedded service with SMALL (10,000) and then LARGE (1,000,000) tasks
# stored, DUE of them firing every second and the rest due days ahead. For each size it prints
#   - the heap after a full GC, every HEAP_EVERY s while the service runs (jcmd GC.run, GC.heap_info);
#   - fires/s and lateness (scheduled time to send: mean, recent max) from the service's own metrics;
#   - the refill's queries (due fires, expired claims) as the engine sends them: EXPLAIN, ANALYZE
#     FORMAT=JSON (rows examined, time), and Handler_read_* per query, run REPEAT times;
#   - the count of tasks by status behind the timer_tasks gauge (not the refill; it reads every row);
#   - at the end, the heap of a cluster cache rebuild (unclaimedNextRuns over every slot).
# Tasks are inserted in bulk (INSERT ... SELECT from the seq_1_to_N engine), each a copy of a task
# created through the API, with its own id, slot, user and next run time (and, as its sealed
# columns are bound to its id, without headers, body or signing secret). Callbacks go to the
# service's own GET /observe/health/live, so no other server is needed. Loopback only; stops
# everything it started.
#
#   benchmarks/run-million.sh                      # build, 10k then 1M tasks, 2,000 due a second, ~15 min
#   benchmarks/run-million.sh --skip-build --large 200000 --minutes 2
#
# Options: --small N, --large N, --due N (tasks firing every second), --paused N (of the SMALL
# ones: paused tasks whose next run time has passed, which a refill must not read), --minutes M (measured per
# size, after WARMUP s), --skip-build. Environment: MVN_FLAGS, JAVA_OPTS (the service's JVM; -Xmx1g
# by default), WARMUP (30), HEAP_EVERY (30), REPEAT (50), SEED_BUFFER_POOL (bytes, 1 GiB: the embedded
# MariaDB's buffer pool while the LARGE tasks are inserted, set back by the service's restart).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

small=10000 large=1000000 due=2000 paused=2000 minutes=3 skip_build=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --small) small=$2; shift 2 ;;
    --large) large=$2; shift 2 ;;
    --due) due=$2; shift 2 ;;
    --paused) paused=$2; shift 2 ;;
    --minutes) minutes=$2; shift 2 ;;
    --skip-build) skip_build=1; shift ;;
    -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
(( due + paused < small && small < large )) || { echo "needs --due + --paused < --small < --large" >&2; exit 2; }
warmup=${WARMUP:-30} heap_every=${HEAP_EVERY:-30} repeat=${REPEAT:-50} seed_pool=${SEED_BUFFER_POOL:-1073741824}
command -v mariadb >/dev/null || command -v mysql >/dev/null || { echo "needs the mariadb client (apt-get install -y mariadb-client)" >&2; exit 2; }
client=$(command -v mariadb || command -v mysql)

source benchmarks/lib-service.sh
use_java_21
java=$JAVA_HOME/bin/java jcmd=$JAVA_HOME/bin/jcmd

if [[ $skip_build != 1 || ! -f bootstrap/target/coze-timer.jar ]]; then
  timeout 900 mvn -B -q ${MVN_FLAGS:-} -pl bootstrap -am package -DskipTests
fi
jar=${BENCH_JAR:-$repo/bootstrap/target/coze-timer.jar}

work=$(mktemp -d /tmp/coze-million-bench.XXXXXX)
data=$work/data
port=$(free_port)
base=http://127.0.0.1:$port
service_pid=""
trap 'stop_service; [[ -n "${BENCH_KEEP:-}" ]] && echo "kept $work" || rm -rf "$work"' EXIT

start_service() {
  (cd "$work" && TIMER_DATA_DIR="$data" SERVER_PORT=$port TIMER_ALLOW_PRIVATE_TARGETS=true \
     exec "$java" ${JAVA_OPTS:--Xmx1g} -jar "$jar") >>"$work/service.log" 2>&1 &
  service_pid=$!
  for _ in $(seq 1200); do # 120 s
    curl -s -o /dev/null -m 1 -w '%{http_code}' "$base/observe/health/ready" | grep -q 200 && return 0
    kill -0 "$service_pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "the service did not become ready:" >&2; tail -20 "$work/service.log" >&2; exit 1
}

sql() { timeout 1800 "$client" -h127.0.0.1 -P"$(cat "$data/mariadb/port")" -u"$(sed -n 's/^user=//p' "$data/db-credentials")" \
          -p"$(sed -n 's/^password=//p' "$data/db-credentials")" --batch --skip-column-names coze_timer "$@"; }

# The template: one task made by the API, firing every second at the service's own liveness check.
start_service
token=$(tail -1 "$data/admin-token")
template=$(curl -sf -m 10 -X POST "$base/api/v1/tasks" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d "{\"user_id\": 1, \"type\": \"interval\", \"http_endpoint\": \"$base/observe/health/live\", \"method\": \"GET\", \"interval_seconds\": 1}" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["task_id"])')
columns=$(sql -e "SELECT GROUP_CONCAT(column_name ORDER BY ordinal_position) FROM information_schema.columns
                  WHERE table_schema = 'coze_timer' AND table_name = 'tasks'")
# A still copy to read from: INSERT ... SELECT locks the rows it reads, and the engine updates the
# template every second, so reading it directly deadlocks.
sql -e "CREATE TABLE bench_template AS SELECT * FROM tasks WHERE task_id = '$template'"

# Inserts $2 copies of the template, numbered from $1, firing every $3 s, next in $4..$5 s from now, status $6.
copies() {
  local from=$1 count=$2 every=$3 lo=$4 hi=$5 status=${6:-pending} select=""
  local id="CONCAT(SUBSTR(m,1,8),'-',SUBSTR(m,9,4),'-4',SUBSTR(m,14,3),'-a',SUBSTR(m,18,3),'-',SUBSTR(m,21,12))"
  for c in ${columns//,/ }; do
    case "$c" in
      task_id) select+="$id," ;;
      user_id) select+="1 + seq % 1000," ;;
      interval_seconds) select+="$every," ;;
      next_run_time) select+="DATE_ADD(UTC_TIMESTAMP(3), INTERVAL ($lo * 1000 + FLOOR(RAND(seq) * ($hi - $lo) * 1000)) * 1000 MICROSECOND)," ;;
      status) select+="'$status'," ;;
      execution_count|consecutive_failures|skipped_count|version) select+="0," ;;
      # sealed with the task id as associated data, so a copy cannot keep them: no headers, no
      # body, no signing secret (sent unsigned, as a task stored before signing existed)
      headers_cipher|body_cipher|signing_cipher) select+="NULL," ;;
      fire_execution_id|fire_scheduled_time|fire_lease_until|fire_owner|last_skip_reason|last_skip_time) select+="NULL," ;;
      # Slots.of: floorMod(UUID.hashCode(), 1024), UUID.hashCode = high ^ low 32 bits of (most ^ least)
      # (in SQL ^ binds tighter than >>, hence the parentheses)
      slot) select+="(((CONV(SUBSTR(h,1,16),16,10) ^ CONV(SUBSTR(h,17,16),16,10)) >> 32) ^ (CONV(SUBSTR(h,1,16),16,10) ^ CONV(SUBSTR(h,17,16),16,10))) & 1023," ;;
      created_at|updated_at) select+="UTC_TIMESTAMP(3)," ;;
      *) select+="t.$c," ;;
    esac
  done
  sql -e "INSERT INTO tasks ($columns)
          SELECT ${select%,} FROM (SELECT seq, m, REPLACE($id, '-', '') AS h
                                   FROM (SELECT seq, MD5(CONCAT('$work', seq)) AS m FROM seq_${from}_to_$((from + count - 1))) s) g
          JOIN bench_template t ORDER BY g.m"
}

heap_used_kb() {
  timeout 120 "$jcmd" "$service_pid" GC.run >/dev/null || true
  local info; info=$(timeout 60 "$jcmd" "$service_pid" GC.heap_info || true)
  grep -oE 'used [0-9]+K' <<<"$info" | head -1 | grep -oE '[0-9]+' || echo "(jcmd gave no heap figure)"
}
# A value of the service's metrics (0 if it cannot be read: a busy service may miss the time limit).
metric() {
  local text value=""
  for _ in 1 2 3; do
    text=$(curl -s -m 30 "$base/observe/metrics" || true)
    value=$(awk -v m="$1" '$1 == m || index($1, m "{") == 1 {print $2; exit}' <<<"$text")
    [[ -n "$value" ]] && break
  done
  echo "${value:-0}"
}

# The refill's two queries, as JdbcFireLedger sends them (embedded mode: every slot), with the
# engine's default window (5 s) and batch (5,000).
refill_queries() {
  local upcoming="fire_execution_id IS NULL AND next_run_time IS NOT NULL AND status IN ('pending', 'running')"
  echo "SELECT * FROM tasks WHERE next_run_time <= DATE_ADD(UTC_TIMESTAMP(3), INTERVAL 5 SECOND) AND $upcoming ORDER BY next_run_time LIMIT 5000"
  echo "SELECT * FROM tasks WHERE fire_lease_until < UTC_TIMESTAMP(3) AND fire_execution_id IS NOT NULL ORDER BY fire_scheduled_time LIMIT 5000"
}
count_by_status="SELECT status, COUNT(*) FROM tasks GROUP BY status"

measure() { # label
  local label=$1 total
  total=$(sql -e "SELECT COUNT(*) FROM tasks")
  echo
  echo "=== $label: $total tasks stored, $(sql -e "SELECT COUNT(*) FROM tasks WHERE interval_seconds = 1") due every second"
  stop_service; start_service
  echo "service restarted; warming up ${warmup} s"
  sleep "$warmup"
  local fired0 late0 sum0 t0 elapsed=0
  fired0=$(metric timer_fire_lateness_seconds_count); sum0=$(metric timer_fire_lateness_seconds_sum); t0=$(date +%s)
  echo "heap after full GC (KiB), every ${heap_every} s:"
  while (( elapsed < minutes * 60 )); do
    printf '  %4d s  %s\n' "$elapsed" "$(heap_used_kb)"
    sleep "$heap_every"; elapsed=$(( $(date +%s) - t0 ))
  done
  printf '  %4d s  %s\n' "$elapsed" "$(heap_used_kb)"
  local fired1 sum1
  fired1=$(metric timer_fire_lateness_seconds_count); sum1=$(metric timer_fire_lateness_seconds_sum)
  python3 - "$fired0" "$fired1" "$sum0" "$sum1" "$elapsed" "$(metric timer_fire_lateness_seconds_max)" <<'EOF'
import sys
fired0, fired1, sum0, sum1, secs, late_max = (float(v) for v in sys.argv[1:])
n = fired1 - fired0
if n <= 0:
    print("fires: none in the measured time"); sys.exit()
print("fires: %.0f/s over %.0f s; lateness (scheduled time to send) mean %.1f ms, max of the last minutes %.0f ms"
      % (n / max(1.0, secs), secs, (sum1 - sum0) / n * 1000, late_max * 1000))
EOF
  local i=0
  while read -r query; do
    i=$((i + 1))
    echo "--- refill query $i: $query"
    sql --table --column-names -e "EXPLAIN $query"
    sql -e "ANALYZE FORMAT=JSON $query" | python3 -c '
import json, sys
plan = json.loads(sys.stdin.read().replace("\\n", "\n"))
def walk(node):
    if isinstance(node, dict):
        if "table_name" in node:
            print("  ANALYZE: table %s, access %s, key %s, rows examined %s (r_rows), r_filtered %s, time %s ms" % (
                node.get("table_name"), node.get("access_type"), node.get("key"), node.get("r_rows"),
                node.get("r_filtered"), node.get("r_table_time_ms")))
        for v in node.values(): walk(v)
    elif isinstance(node, list):
        for v in node: walk(v)
walk(plan)'
    handler_per_query "$query"
  done < <(refill_queries)
  echo "--- the timer_tasks gauge's count (when scraped, at most every TIMER_METRICS_TASKS_REFRESH; not the refill):"
  sql -e "$count_by_status" | tr '\t\n' '= '; echo
  handler_per_query "$count_by_status"
  echo "--- tasks table: $(sql -e "SELECT CONCAT(ROUND(data_length / 1048576), ' MiB of rows, ', ROUND(index_length / 1048576),
         ' MiB of secondary indexes') FROM information_schema.tables WHERE table_schema = 'coze_timer' AND table_name = 'tasks'");
         buffer pool $(( $(sql -e "SELECT @@innodb_buffer_pool_size") >> 20 )) MiB"
}

# Runs $1 REPEAT times on one connection; prints ms per query and the Handler_read_* increments per query.
handler_per_query() {
  local body="" n
  for n in $(seq "$repeat"); do body+="$1;"; done
  sql -e "FLUSH STATUS; SET @t0 = SYSDATE(6); $body SELECT TIMESTAMPDIFF(MICROSECOND, @t0, SYSDATE(6)) / 1000 / $repeat;
          SELECT VARIABLE_NAME, VARIABLE_VALUE / $repeat FROM information_schema.SESSION_STATUS
          WHERE VARIABLE_NAME LIKE 'HANDLER_READ%' AND VARIABLE_VALUE > 0" \
    | awk -v r="$repeat" 'NF == 1 && $1 ~ /^[0-9.]+$/ {ms = $1} NF == 2 && $1 ~ /^HANDLER_READ/ {h = h sprintf(" %s=%.0f", tolower($1), $2)} END {printf "  %d runs: %.2f ms per query;%s per query\n", r, ms, h}'
}

echo "inserting $due tasks due every second, $paused paused ones due 1 min-10 days ago, $((small - due - paused - 1)) due in 2-9 days"
copies 1 "$due" 1 1 2
copies $((due + 1)) "$paused" 86400 -864000 -60 paused
copies $((due + paused + 1)) $((small - due - paused - 1)) 86400 172800 777600
measure "SMALL"
echo; echo "inserting $((large - small)) more tasks due in 2-9 days (seeding: buffer pool $seed_pool, log flushed once a second)"
# Seeding only, undone by the restart of measure: a buffer pool that holds the table and its seven
# secondary indexes (with the default one, each row's index entries are read from disk once the
# indexes outgrow it), and the redo log written at commit but flushed once a second.
pool_before=$(sql -e "SELECT @@innodb_buffer_pool_size")
sql -e "SET GLOBAL innodb_buffer_pool_size = $seed_pool; SET GLOBAL innodb_flush_log_at_trx_commit = 2"
time_insert=$(date +%s)
for ((from = small + 1; from <= large; from += 100000)); do # 100,000 rows a transaction, in key order
  copies "$from" $(( large - from + 1 < 100000 ? large - from + 1 : 100000 )) 86400 172800 777600
  echo "  $(( from + 99999 < large ? from + 99999 : large )) stored after $(( $(date +%s) - time_insert )) s"
done
echo "inserted in $(( $(date +%s) - time_insert )) s (buffer pool $pool_before during the service's run, $(sql -e "SELECT @@innodb_buffer_pool_size") while seeding)"
measure "LARGE"
stop_service
echo; echo "--- cluster mode's cache rebuild (CachedFireLedger through unclaimedNextRuns), the service stopped:"
"$java" -Xmx1g -cp "$(dirname "$jar")/libs/*" benchmarks/UnclaimedNextRunsHeap.java "$data" 2>>"$work/heap-bench.log" \
  || { echo "  failed:"; tail -5 "$work/heap-bench.log"; }
echo; echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
