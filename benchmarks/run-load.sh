#!/usr/bin/env bash
# Load benchmark of the Coze Timer engine: builds the service jar and the benchmark, then runs
# com.coze.timer.bootstrap.bench.LoadBenchmark (options: --help). Loopback only; stops by itself.
#
#   benchmarks/run-load.sh                                  # 1k, 10k and 100k tasks, one run each (~6 min)
#   benchmarks/run-load.sh --tasks 1000,10000 --repeat 3    # medians of three runs
#   BENCH_SKIP_BUILD=1 benchmarks/run-load.sh --tasks 10000 --jfr
#
# Environment: MVN_FLAGS (e.g. -o), BENCH_SKIP_BUILD=1 to reuse the last build, BENCH_JAVA_OPTS.
set -euo pipefail
cd "$(dirname "$0")/.."

source benchmarks/java-home.sh

classpath_file=bootstrap/target/bench.classpath
if [[ "${BENCH_SKIP_BUILD:-0}" != 1 || ! -s "$classpath_file" ]]; then
  # Tests are compiled (the benchmark lives in bootstrap's test sources) but not run.
  mvn -B -q ${MVN_FLAGS:-} -pl bootstrap -am install -DskipTests
  mvn -B -q ${MVN_FLAGS:-} -pl bootstrap dependency:build-classpath -Dmdep.includeScope=test \
      -Dmdep.outputFile="$PWD/$classpath_file"
fi

exec "$JAVA_HOME/bin/java" ${BENCH_JAVA_OPTS:--Xmx3g} \
  -cp "bootstrap/target/test-classes:bootstrap/target/classes:$(cat "$classpath_file")" \
  com.coze.timer.bootstrap.bench.LoadBenchmark "$@"
