package com.coze.timer.persistence;

import static com.coze.timer.persistence.TaskBuilder.aTask;

import com.coze.timer.application.port.out.FireLedger;
import com.coze.timer.application.port.out.FireLedger.Completion;
import com.coze.timer.domain.task.Task;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The cost of the engine's outcome write, alone: batches of completions (an execution record and
 * the task's new fire state, as the outcome writer stores them) recorded through
 * {@link FireLedger#recordAll} on the embedded MariaDB. Prints, per completion, the writing
 * thread's CPU time, the database server's CPU time and the wall time, for several batch sizes.
 * CPU times hold up on a busy machine better than rates do. Run with {@code benchmarks/run-outcome-write.sh}.
 */
public final class OutcomeWriteBenchmark {

    private static final int TASKS = 2_000;

    private OutcomeWriteBenchmark() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        String url = TestDatabase.freshDatabase() + System.getProperty("bench.url.extra", "");
        try (JdbcPersistence persistence = TestDatabase.open(url, TestDatabase.KEY, Clock.systemUTC())) {
            FireLedger ledger = persistence.fireLedger("bench");
            List<Task> tasks = claimedTasks(ledger);
            long serverPid = TestDatabase.serverPid();
            System.out.println("| write | batch | completions | client CPU µs each | database CPU µs each | wall µs each | completions/s |");
            System.out.println("|---|---:|---:|---:|---:|---:|---:|");
            for (int variant = 0; variant < 4; variant++) {
                boolean statesOnly = variant % 2 == 1;
                for (int batch : new int[] {200, 1_000}) {
                int[] next = {0};
                long cpu0 = threads.getCurrentThreadCpuTime();
                long db0 = cpuNanos(serverPid);
                long wall0 = System.nanoTime();
                long written = 0;
                for (int round = 0; round < rounds; round++) {
                    written += recordBatch(ledger, tasks, next, batch, statesOnly);
                }
                long wall = System.nanoTime() - wall0;
                System.out.printf("| %s | %,d | %,d | %.1f | %.1f | %.1f | %,.0f |%n", statesOnly ? "fire states only" : "records and states",
                        batch, written, (threads.getCurrentThreadCpuTime() - cpu0) / 1e3 / written,
                        (cpuNanos(serverPid) - db0) / 1e3 / written, wall / 1e3 / written, written / (wall / 1e9));
                }
            }
        }
    }

    private static List<Task> claimedTasks(FireLedger ledger) {
        List<Task> claimed = new ArrayList<>(TASKS);
        Instant now = Instant.now();
        for (int i = 0; i < TASKS; i++) {
            Task task = aTask().interval(1).build();
            ledger.insert(task);
            claimed.add(task.claimNextFire(UUID.randomUUID().toString(), now.plusSeconds(180), now).orElseThrow());
        }
        List<Optional<Task>> stored = ledger.writeAll(claimed);
        return new ArrayList<>(stored.stream().map(Optional::orElseThrow).toList());
    }

    /**
     * Records one batch of completions for the next {@code batch} tasks (round robin), or only their
     * fire states; returns how many were written.
     */
    private static int recordBatch(FireLedger ledger, List<Task> tasks, int[] next, int batch, boolean statesOnly) {
        Instant now = Instant.now();
        List<Integer> indexes = new ArrayList<>(batch);
        List<Completion> completions = new ArrayList<>(batch);
        for (int i = 0; i < batch; i++) {
            int index = next[0]++ % tasks.size();
            Task task = tasks.get(index);
            indexes.add(index);
            completions.add(new Completion(ExecutionRecords.aSuccessOf(task, task.pendingFire().orElseThrow().scheduledTime()),
                    Optional.of(task.renewLease(now.plusSeconds(180), now).orElseThrow())));
        }
        List<Optional<Task>> stored = statesOnly
                ? ledger.writeAll(completions.stream().map(c -> c.task().orElseThrow()).toList()) : ledger.recordAll(completions);
        int written = 0;
        for (int i = 0; i < batch; i++) {
            if (stored.get(i).isPresent()) {
                tasks.set(indexes.get(i), stored.get(i).get());
                written++;
            }
        }
        return written;
    }

    /** User and system CPU time of a process, from /proc (Linux), in nanoseconds. */
    private static long cpuNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L; // clock ticks of 10 ms
        } catch (IOException e) {
            return 0;
        }
    }
}
