import com.coze.timer.application.port.out.TaskQueries;
import com.coze.timer.domain.task.TaskStatus;
import com.coze.timer.persistence.EmbeddedMariaDb;
import com.coze.timer.persistence.JdbcPersistence;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What V17's update trigger adds to a write of tasks: microseconds per single-row {@code UPDATE}
 * (batches of 100 in one transaction, as the outcome writer sends them) on 200 stored tasks, each
 * updated 10 times a round, with the status kept (as most fires) and changed (to paused and back), in
 * ROUNDS rounds with and without the trigger; prints the median of each. The trigger is dropped and
 * made again from its own definition ({@code SHOW CREATE TRIGGER}); a status changed there and back
 * leaves the counts as they were. Then times the gauge's count (folding the changes the rounds
 * appended, then none) and checks it against a count of the rows. On the
 * embedded database of a stopped service's data folder; run by benchmarks/run-million.sh:
 * {@code java -cp <the jar's libs> TriggerCost.java <data dir>}.
 */
public final class TriggerCost {

    private static final String TRIGGER = "tasks_counted_on_update";
    private static final int ROUNDS = 5;
    private static final int SAMPLE = 200;

    public static void main(String[] args) throws SQLException {
        try (EmbeddedMariaDb db = EmbeddedMariaDb.start(Path.of(args[0]), 0);
             Connection c = DriverManager.getConnection(db.jdbcUrl("coze_timer"), db.user(), db.password());
             Statement sql = c.createStatement()) {
            List<String> ids = sample(sql);
            String definition = definition(sql);
            double[][] micros = new double[4][ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                micros[0][round] = updates(c, ids, false);
                micros[1][round] = updates(c, ids, true);
                sql.execute("DROP TRIGGER " + TRIGGER);
                micros[2][round] = updates(c, ids, false);
                micros[3][round] = updates(c, ids, true);
                sql.execute(definition);
            }
            System.out.printf("  us per fire-state UPDATE, median of %d rounds of %,d: status kept %.0f with the trigger, %.0f without;"
                    + " status changed %.0f with, %.0f without%n", ROUNDS, ids.size(), median(micros[0]), median(micros[2]),
                    median(micros[1]), median(micros[3]));
            fold(db, sql);
        }
    }

    /** The gauge's count (JdbcTaskQueries.countByStatus) of the changes the rounds left, then of none; checked against the rows. */
    private static void fold(EmbeddedMariaDb db, Statement sql) throws SQLException {
        long waiting;
        try (ResultSet row = sql.executeQuery("SELECT COUNT(*) FROM task_status_changes")) {
            row.next();
            waiting = row.getLong(1);
        }
        try (JdbcPersistence persistence = new JdbcPersistence(db.jdbcUrl("coze_timer"), db.user(), db.password(), 2,
                new byte[32], Clock.systemUTC())) {
            TaskQueries queries = persistence.taskQueries();
            long started = System.nanoTime();
            queries.countByStatus();
            long folded = System.nanoTime();
            Map<TaskStatus, Long> counts = queries.countByStatus();
            long again = System.nanoTime();
            System.out.printf("  the gauge's count: %.1f ms folding %,d changes, then %.1f ms with none; equal to a count of the rows: %s%n",
                    (folded - started) / 1e6, waiting, (again - folded) / 1e6, counts.equals(rows(sql)));
        }
    }

    private static Map<TaskStatus, Long> rows(Statement sql) throws SQLException {
        Map<TaskStatus, Long> rows = new EnumMap<>(TaskStatus.class);
        for (TaskStatus status : TaskStatus.values()) {
            rows.put(status, 0L);
        }
        try (ResultSet row = sql.executeQuery("SELECT status, COUNT(*) FROM tasks GROUP BY status")) {
            while (row.next()) {
                rows.put(TaskStatus.fromWire(row.getString(1), "status"), row.getLong(2));
            }
        }
        return rows;
    }

    /** 200 pending tasks due days ahead, each 10 times. */
    private static List<String> sample(Statement sql) throws SQLException {
        List<String> once = new ArrayList<>();
        try (ResultSet row = sql.executeQuery("SELECT task_id FROM tasks WHERE status = 'pending' AND interval_seconds = 86400 LIMIT " + SAMPLE)) {
            while (row.next()) {
                once.add(row.getString(1));
            }
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.addAll(once);
        }
        return ids;
    }

    private static String definition(Statement sql) throws SQLException {
        try (ResultSet row = sql.executeQuery("SHOW CREATE TRIGGER " + TRIGGER)) {
            row.next();
            return row.getString("SQL Original Statement");
        }
    }

    /** Every task is pending again after it: each change goes to paused and back, in the ten passes over the sample. */
    private static double updates(Connection c, List<String> ids, boolean changeStatus) throws SQLException {
        c.setAutoCommit(false);
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE tasks SET status = ?, execution_count = execution_count + 1, version = version + 1 WHERE task_id = ?")) {
            long started = System.nanoTime();
            for (int i = 0; i < ids.size(); i++) {
                update.setString(1, changeStatus && i / (ids.size() / 10) % 2 == 0 ? "paused" : "pending");
                update.setString(2, ids.get(i));
                update.addBatch();
                if (i % 100 == 99 || i == ids.size() - 1) {
                    update.executeBatch();
                    c.commit();
                }
            }
            return (System.nanoTime() - started) / 1000.0 / ids.size();
        } finally {
            c.setAutoCommit(true);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
