#!/usr/bin/env bash
# The outcome write alone: batches of execution records and fire states recorded through the
# JDBC fire ledger on an embedded MariaDB, with the writer's and the database's CPU time per
# completion (com.coze.timer.persistence.OutcomeWriteBenchmark). Loopback only; stops by itself.
#
#   benchmarks/run-outcome-write.sh [ROUNDS=40]
#
# Environment: MVN_FLAGS (e.g. -o), BENCH_SKIP_BUILD=1 to reuse the last build.
set -euo pipefail
cd "$(dirname "$0")/.."
source benchmarks/java-home.sh

module=adapters-out-persistence
classpath_file=$module/target/bench.classpath
if [[ "${BENCH_SKIP_BUILD:-0}" != 1 || ! -s "$classpath_file" ]]; then
  mvn -B -q ${MVN_FLAGS:-} -pl $module -am test-compile
  mvn -B -q ${MVN_FLAGS:-} -pl $module -am dependency:build-classpath -Dmdep.includeScope=test \
      -Dmdep.outputFile="$PWD/$classpath_file"
fi

exec timeout 900 "$JAVA_HOME/bin/java" -Xmx1g ${BENCH_JAVA_OPTS:-} \
  -cp "$module/target/test-classes:$module/target/classes:$(cat "$classpath_file")" \
  com.coze.timer.persistence.OutcomeWriteBenchmark "$@"
