package com.coze.timer.timefix;

import com.coze.timer.timefix.RepairPlan.TaskTimes;
import com.coze.timer.timefix.TaskTimeRepairer.Outcome;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * One repair over one connection, in the order the tool promises: list the wrong cells, show them,
 * and, when applying, save the undo file, write everything in one guarded transaction, then read
 * the rows back and check that no wrong year is left. Returns the process exit code.
 */
final class RepairSession {

    static final String DRY_RUN_NOTICE =
            "DRY RUN — nothing was written; re-run with --apply to change these rows";

    private final Connection connection;
    private final RepairScope scope;
    private final PrintWriter out;
    private final PrintWriter err;

    RepairSession(Connection connection, RepairScope scope, PrintWriter out, PrintWriter err) {
        this.connection = connection;
        this.scope = scope;
        this.out = out;
        this.err = err;
    }

    /** Lists the wrong cells in the scope and what they would become. */
    RepairPlan plan() throws SQLException {
        return RepairPlan.of(new TaskTimeScanner(connection).findWrong(scope), scope.years());
    }

    /** Prints the plan's table and counts. */
    void show(RepairPlan plan) {
        out.print(ReportTable.plan(plan));
        out.println(ReportTable.summary(plan));
        out.flush();
    }

    /** Saves the undo file to {@code undoFile}, writes the plan and verifies it; the exit code. */
    int apply(RepairPlan plan, Path undoFile, String database) throws IOException, SQLException {
        UndoFile.write(undoFile, plan, database);
        out.println("Undo file saved: " + undoFile.toAbsolutePath());
        Outcome outcome;
        try {
            outcome = new TaskTimeRepairer(connection).apply(plan);
        } catch (SQLException e) {
            Files.deleteIfExists(undoFile);
            throw e;
        }
        return switch (outcome) {
            case Outcome.Committed committed -> verify(plan, committed.rows());
            case Outcome.ConcurrentChange conflict -> reportConflict(conflict.taskId(), undoFile);
        };
    }

    private int reportConflict(String taskId, Path undoFile) throws IOException {
        Files.deleteIfExists(undoFile);
        err.println("task " + taskId + " changed after it was listed (its version or times differ now); "
                + "everything was rolled back and nothing was written, so the undo file was deleted. "
                + "Run again to see the current state.");
        return 1;
    }

    private int verify(RepairPlan plan, int rows) throws SQLException {
        out.println("Changed " + plan.cellCount() + " cells in " + rows + " tasks. Values now:");
        List<TaskTimes> now = new TaskTimeScanner(connection).read(plan.taskIds(), scope.columns());
        out.print(ReportTable.result(plan, now, scope.years()));
        long stillWrong = now.stream()
                .flatMap(task -> task.values().values().stream())
                .filter(scope.years()::isWrong)
                .count();
        if (stillWrong > 0) {
            err.println(stillWrong + " cells in these tasks still have a year after "
                    + scope.years().wrongAfter() + " (changed again since?); check them and run again.");
            return 1;
        }
        out.println("Verified: no year after " + scope.years().wrongAfter() + " is left in these tasks.");
        return 0;
    }
}
