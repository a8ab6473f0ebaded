package com.coze.timer.bootstrap.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The scheduler engine's load benchmark, end to end: for each N, a fresh embedded service in its
 * own process, the sink's ceiling measured with a plain request loop, N interval tasks created
 * through the API with their fires spread evenly over the interval, a warm-up, then a measure
 * window in which the sink records every fire's lateness (arrival minus
 * {@code X-Timer-Scheduled-Time}) in an HdrHistogram, and the database's {@code task_logs} growth
 * gives the logged fires per second. Prints one row per run and, with {@code --repeat}, the
 * medians. All traffic stays on 127.0.0.1; every phase is bounded in time.
 *
 * <p>Run it with {@code benchmarks/run-load.sh} (builds the service jar and this class first).
 */
@Command(name = "run-load.sh", mixinStandardHelpOptions = true,
        description = "Load benchmark of the Coze Timer engine (embedded mode, loopback only).")
public final class LoadBenchmark implements Callable<Integer> {

    private static final Logger HELIDON_LOG = Logger.getLogger("io.helidon");

    @Option(names = "--tasks", split = ",", description = "task counts, one run each (default: ${DEFAULT-VALUE})",
            defaultValue = "1000,10000,100000")
    List<Integer> taskCounts;

    @Option(names = "--repeat", description = "runs of each task count; medians are printed (default: ${DEFAULT-VALUE})",
            defaultValue = "1")
    int repeat;

    @Option(names = "--warmup", description = "after the last task is created (default: ${DEFAULT-VALUE})", defaultValue = "10s")
    String warmup;

    @Option(names = "--measure", description = "the measure window (default: ${DEFAULT-VALUE})", defaultValue = "30s")
    String measure;

    @Option(names = "--interval", description = "interval_seconds of every task (default: ${DEFAULT-VALUE})", defaultValue = "1")
    int intervalSeconds;

    @Option(names = "--ceiling", description = "how long the sink's ceiling is measured (default: ${DEFAULT-VALUE})",
            defaultValue = "5s")
    String ceiling;

    @Option(names = "--ceiling-clients", description = "concurrent clients of the ceiling loop (default: ${DEFAULT-VALUE})",
            defaultValue = "64")
    int ceilingClients;

    @Option(names = "--create-concurrency", description = "concurrent task creations (default: ${DEFAULT-VALUE})",
            defaultValue = "16")
    int createConcurrency;

    @Option(names = "--first-fire-after", description = "the first fires are planned this long after creation starts; "
            + "tasks created later start at their next grid instant (default: N / 1000 s, at least 1 s)")
    String firstFireAfter;

    @Option(names = "--jar", description = "the service jar (default: ${DEFAULT-VALUE})", defaultValue = "bootstrap/target/coze-timer.jar")
    Path jar;

    @Option(names = "--data", description = "parent of the services' data folders (default: ${DEFAULT-VALUE})",
            defaultValue = "bootstrap/target/bench-data")
    Path dataRoot;

    @Option(names = "--env", description = "extra environment of the service, e.g. --env TIMER_DB_POOL_SIZE=40")
    Map<String, String> serviceEnv = new LinkedHashMap<>();

    @Option(names = "--service-jvm", description = "extra JVM option of the service, repeatable")
    List<String> serviceJvmOptions = new ArrayList<>();

    @Option(names = "--jfr", description = "record the service with JFR (profile settings) during the measure window; "
            + "the file goes to its data folder")
    boolean jfr;

    @Option(names = "--ceiling-only", description = "only measure the sink's ceiling, this many times")
    int ceilingOnly;

    @Option(names = "--results", description = "appends the result table to this file (default: ${DEFAULT-VALUE})",
            defaultValue = "bootstrap/target/bench-results.md")
    Path resultsFile;

    public static void main(String[] args) {
        System.exit(new CommandLine(new LoadBenchmark()).execute(args));
    }

    @Override
    public Integer call() {
        HELIDON_LOG.setLevel(Level.WARNING);
        if (!Files.isRegularFile(jar)) {
            System.err.println("no service jar at " + jar.toAbsolutePath() + ": build it first (see benchmarks/run-load.sh)");
            return 2;
        }
        long measureMs = millis(measure);
        if (measureMs % (intervalSeconds * 1000L) != 0) {
            System.err.println("--measure must be a whole number of intervals");
            return 2;
        }
        MicroClock clock = new MicroClock();
        List<RunResult> results = new ArrayList<>();
        System.out.println(Machine.describe());
        System.out.println(RunResult.HEADER);
        try (CallbackSink sink = new CallbackSink(clock)) {
            // The sink and the ceiling loop share this JVM: a first pass gets both compiled (cold: ~40% of the ceiling).
            SinkCeiling.measure(sink.port(), ceilingClients, millis(ceiling));
            for (int i = 0; i < ceilingOnly; i++) {
                SinkCeiling.Result c = SinkCeiling.measure(sink.port(), ceilingClients, millis(ceiling));
                System.out.printf(Locale.ROOT, "sink ceiling %,.0f req/s, p50 %.2f ms, p99 %.2f ms, errors %d%n",
                        c.requestsPerSecond(), c.latencyMicros().getValueAtPercentile(50) / 1000.0,
                        c.latencyMicros().getValueAtPercentile(99) / 1000.0, c.errors());
            }
            if (ceilingOnly > 0) {
                return 0;
            }
            for (int tasks : taskCounts) {
                for (int r = 1; r <= repeat; r++) {
                    RunResult result = run(sink, clock, tasks, r);
                    results.add(result);
                    System.out.println(result.row());
                }
            }
        }
        String report = report(results);
        System.out.println();
        System.out.println(report);
        appendResults(report);
        return 0;
    }

    private RunResult run(CallbackSink sink, MicroClock clock, int tasks, int attempt) {
        String label = "[N=" + tasks + " #" + attempt + "]";
        Path dataDir = dataRoot.toAbsolutePath().resolve("n" + tasks + "-" + attempt);
        Arrivals arrivals = new Arrivals();
        sink.recordInto(null);
        long t0 = System.nanoTime();
        try (ServiceProcess service = startService(dataDir, label)) {
            progress(label, "service up in %.1f s (pid %d, data %s)", seconds(t0), service.pid(), dataDir);
            SinkCeiling.Result ceilingResult = SinkCeiling.measure(sink.port(), ceilingClients, millis(ceiling));
            progress(label, "sink ceiling %,.0f req/s, p99 %.2f ms (%d clients)", ceilingResult.requestsPerSecond(),
                    ceilingResult.latencyMicros().getValueAtPercentile(99) / 1000.0, ceilingClients);

            sink.recordInto(arrivals);
            arrivals.track(clock.micros());
            long created = System.nanoTime();
            TaskLoader.Created creation = TaskLoader.create(service.port(), service.token(), sink.port(), tasks, intervalSeconds,
                    createConcurrency, firstFireAfter == null ? Math.max(1_000, tasks) : millis(firstFireAfter));
            double createRate = creation.perSecond();
            // The warm-up starts once fires do: creation may end before the first planned fires.
            long firesIn = Math.max(0, creation.firstFiresMs() - System.currentTimeMillis());
            progress(label, "created %,d tasks in %.1f s (%,.0f/s); first fires in %.1f s, then warming up %s", tasks,
                    seconds(created), createRate, firesIn / 1000.0, warmup);
            ServiceProcess.sleep(firesIn + millis(warmup));

            Window window = measureWindow(service, clock, arrivals, label);
            long expected = (long) tasks * (millis(measure) / (intervalSeconds * 1000L));
            awaitStragglers(arrivals, clock, expected);
            progress(label, "fires per second of the window: %s", Arrays.toString(window.perSecond));
            arrivals.duplicateExamples().forEach(d -> progress(label, "duplicate: task %s scheduled %s: execution %s at +%.1f ms,"
                    + " execution %s at +%.1f ms", d.taskId(), instant(d.scheduledMicros()), d.firstExecutionId(),
                    (d.firstArrivalMicros() - d.scheduledMicros()) / 1000.0, d.executionId(),
                    (d.arrivalMicros() - d.scheduledMicros()) / 1000.0));
            long missing = expected - arrivals.scheduledInWindowReceived();
            if (missing > 0) {
                service.trace(arrivals.missingExamples(intervalSeconds * 1_000_000L, 5))
                        .forEach(line -> progress(label, "missing: %s", line));
            }
            return RunResult.of(tasks, attempt, ceilingResult, createRate, tasks / (double) intervalSeconds,
                    window.fires / window.seconds, window.logged / window.seconds, window.lateness,
                    arrivals.duplicates(), missing, window.failedLogs,
                    arrivals.early(), tasks - arrivals.tasksSeenInWindow(), window.serviceCores, window.dbCores, window.benchCores,
                    window.machineCores, window.perSecond);
        } finally {
            sink.recordInto(null);
        }
    }

    /** Starts the service; tries a second time, since on a busy machine its database may miss its 30 s start limit. */
    private ServiceProcess startService(Path dataDir, String label) {
        try {
            return ServiceProcess.start(jar, dataDir, serviceJvmOptions, serviceEnv);
        } catch (IllegalStateException e) {
            progress(label, "%s; trying once more", e.getMessage());
            return ServiceProcess.start(jar, dataDir, serviceJvmOptions, serviceEnv);
        }
    }

    /** The measured figures of one window. */
    private record Window(double seconds, long fires, long logged, long failedLogs, Histogram lateness,
                          double serviceCores, double dbCores, double benchCores, double machineCores, long[] perSecond) {
    }

    private Window measureWindow(ServiceProcess service, MicroClock clock, Arrivals arrivals, String label) {
        long windowMs = millis(measure);
        if (jfr) {
            startJfr(service, windowMs, label);
        }
        long logStart = service.maxLogId();
        Cpu cpuStart = Cpu.sample(service);
        long startMicros = clock.micros();
        arrivals.window(startMicros, startMicros + windowMs * 1_000);
        progress(label, "measuring %s", measure);
        ServiceProcess.sleep(windowMs);
        long logEnd = service.maxLogId();
        Cpu cpuEnd = Cpu.sample(service);
        double seconds = windowMs / 1000.0;
        ServiceProcess.sleep(100); // arrivals stamped inside the window may still be recording
        Histogram lateness = arrivals.latenessMicros();
        long[] logs = service.logsBetween(logStart, logEnd);
        double wall = (cpuEnd.wallNanos - cpuStart.wallNanos) / 1e9;
        return new Window(seconds, arrivals.inWindow(), logs[0], logs[1], lateness,
                (cpuEnd.service - cpuStart.service) / 1e9 / wall, (cpuEnd.db - cpuStart.db) / 1e9 / wall,
                (cpuEnd.bench - cpuStart.bench) / 1e9 / wall, (cpuEnd.machine - cpuStart.machine) / 1e9 / wall,
                arrivals.perSecond());
    }

    /** Waits for late fires scheduled inside the window: until all came, or none came for 2 s (at most 30 s). */
    private static void awaitStragglers(Arrivals arrivals, MicroClock clock, long expected) {
        long deadline = clock.micros() + 30_000_000L;
        while (arrivals.scheduledInWindowReceived() < expected && clock.micros() < deadline
                && clock.micros() - arrivals.lastWindowFireArrivalMicros() < 2_000_000L) {
            ServiceProcess.sleep(200);
        }
    }

    private void startJfr(ServiceProcess service, long windowMs, String label) {
        Path file = service.dataDir().resolve("service.jfr");
        Path jcmd = Path.of(ProcessHandle.current().info().command().orElse("java")).resolveSibling("jcmd");
        try {
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(service.pid()), "JFR.start", "name=bench",
                    "settings=profile", "duration=" + windowMs / 1000 + "s", "filename=" + file)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.waitFor();
            progress(label, "JFR recording to %s", file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String report(List<RunResult> results) {
        StringBuilder out = new StringBuilder();
        out.append(Machine.describe()).append('\n');
        out.append("tasks ").append(taskCounts).append(", interval ").append(intervalSeconds).append(" s, warm-up ")
                .append(warmup).append(", measure ").append(measure).append(", runs each ").append(repeat)
                .append(", service env ").append(serviceEnv).append("\n\n");
        out.append(RunResult.HEADER).append('\n');
        results.forEach(r -> out.append(r.row()).append('\n'));
        if (repeat > 1) {
            out.append("\nMedians:\n\n").append(RunResult.HEADER).append('\n');
            for (int tasks : taskCounts) {
                List<RunResult> same = results.stream().filter(r -> r.tasks() == tasks).toList();
                out.append(RunResult.median(same).row()).append('\n');
            }
        }
        return out.toString();
    }

    private void appendResults(String report) {
        try {
            Files.createDirectories(resultsFile.toAbsolutePath().getParent());
            Files.writeString(resultsFile, "\n## Run of " + java.time.Instant.now() + "\n\n" + report,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            System.out.println("(appended to " + resultsFile + ")");
        } catch (IOException e) {
            System.err.println("could not append to " + resultsFile + ": " + e);
        }
    }

    private static void progress(String label, String format, Object... args) {
        System.err.printf(Locale.ROOT, "%tT %s %s%n", System.currentTimeMillis(), label, String.format(Locale.ROOT, format, args));
    }

    private static java.time.Instant instant(long micros) {
        return java.time.Instant.ofEpochSecond(micros / 1_000_000, micros % 1_000_000 * 1_000);
    }

    private static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }

    /** "30s", "500ms", "2m" or a plain number of seconds. */
    static long millis(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.endsWith("ms")) {
            return Long.parseLong(t.substring(0, t.length() - 2));
        }
        if (t.endsWith("m")) {
            return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1))).toMillis();
        }
        if (t.endsWith("s")) {
            t = t.substring(0, t.length() - 1);
        }
        return Math.round(Double.parseDouble(t) * 1000);
    }

    /**
     * CPU time so far of the service's JVM, its database, this JVM (sink and clients) and of the
     * whole machine (busy time of all cores, from /proc/stat: shows what other work took), ns.
     */
    private record Cpu(long wallNanos, long service, long db, long bench, long machine) {

        static Cpu sample(ServiceProcess service) {
            long wall = System.nanoTime();
            long db = service.database().stream().mapToLong(Cpu::cpu).sum();
            long jvm = cpu(ProcessHandle.of(service.pid()).orElseThrow());
            return new Cpu(wall, jvm, db, cpu(ProcessHandle.current()), machineBusy());
        }

        /** user + nice + system + irq + softirq + steal of all cores, ns (USER_HZ = 100 on Linux). */
        private static long machineBusy() {
            try {
                String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
                long busy = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                        + Long.parseLong(f[7]) + Long.parseLong(f[8]);
                return busy * 10_000_000L;
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }

        private static long cpu(ProcessHandle process) {
            return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
        }
    }

    /** Sorted copy, for medians. */
    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
