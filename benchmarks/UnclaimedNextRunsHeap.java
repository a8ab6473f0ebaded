import com.coze.timer.application.port.out.FireLedger;
import com.coze.timer.domain.task.Slots;
import com.coze.timer.domain.task.TaskId;
import com.coze.timer.persistence.EmbeddedMariaDb;
import com.coze.timer.persistence.JdbcPersistence;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.BitSet;
import java.util.Map;

/**
 * The heap a cluster cache rebuild takes: {@code FireLedger.unclaimedNextRuns} over every slot, as
 * {@code CachedFireLedger} asks for it, on the embedded database of a stopped service's data folder.
 * Prints the entries, the time, and the heap used after a full GC with and without the map held,
 * for every slot at once and for one group of 32 (CachedFireLedger.REBUILD_CHUNK).
 * Run by benchmarks/run-million.sh: {@code java -cp <the jar's libs> UnclaimedNextRunsHeap.java <data dir>}.
 */
public final class UnclaimedNextRunsHeap {

    public static void main(String[] args) {
        try (EmbeddedMariaDb db = EmbeddedMariaDb.start(Path.of(args[0]), 0);
             JdbcPersistence persistence = new JdbcPersistence(db.jdbcUrl("coze_timer"), db.user(), db.password(), 2,
                     new byte[32], Clock.systemUTC())) {
            FireLedger ledger = persistence.fireLedger("heap-bench");
            BitSet every = new BitSet(Slots.STORED);
            every.set(0, Slots.STORED);
            BitSet group = new BitSet(Slots.STORED);
            group.set(0, 32);
            ledger.unclaimedNextRuns(every); // warm: classes loaded, pages cached
            held("every slot at once (a rebuild before it read 32 slots at a time)", ledger, every);
            held("slots 0-31 (what a rebuild holds at a time now)", ledger, group);
        }
    }

    private static void held(String what, FireLedger ledger, BitSet slots) {
        long before = usedAfterGc();
        long started = System.nanoTime();
        Map<TaskId, Instant> upcoming = ledger.unclaimedNextRuns(slots);
        long millis = (System.nanoTime() - started) / 1_000_000;
        long held = usedAfterGc();
        System.out.printf("  unclaimedNextRuns, %s: %,d entries in %,d ms; heap after full GC %,d KiB without the map,"
                + " %,d KiB holding it (%,d bytes per entry)%n", what, upcoming.size(), millis, before >> 10, held >> 10,
                upcoming.isEmpty() ? 0 : (held - before) / upcoming.size());
    }

    private static long usedAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
