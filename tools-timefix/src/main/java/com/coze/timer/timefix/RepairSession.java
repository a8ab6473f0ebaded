package com.coze.timer.timefix;

import com.coze.timer.timefix.RepairPlan.TaskTimes;
import com.coze.timer.timefix.TaskTimeRepairer.Outcome;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
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

    private static final int DONE = 0;
    private static final int FAILED = 1;

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

    /** Says that the scope holds no wrong year. */
    void reportNothingToFix() {
        String columns = String.join(", ", scope.columns().stream().map(TimeColumn::sqlName).toList());
        out.println("Nothing to fix: no selected task has a year after " + scope.years().wrongAfter()
                + " in " + columns);
    }

    /** Prints the plan's table and counts. */
    void show(RepairPlan plan) {
        out.print(ReportTable.plan(plan));
        out.println(ReportTable.summary(plan));
        out.flush();
    }

    /** Says that this was a dry run. */
    void reportDryRun() {
        out.println("DRY RUN — nothing was written; re-run with --apply to change these rows");
    }

    /** Saves the undo file to {@code undoFile}, writes the plan and verifies it; the exit code. */
    int apply(RepairPlan plan, Path undoFile, String database) throws IOException, SQLException {
        try {
            UndoFile.write(undoFile, plan, database);
        } catch (IOException e) {
            err.println("cannot save the undo file " + undoFile.toAbsolutePath() + " (" + reason(e)
                    + "); nothing was written. Choose another with --undo-file.");
            return FAILED;
        }
        out.println("Undo file saved: " + undoFile.toAbsolutePath());
        Outcome outcome;
        try {
            outcome = new TaskTimeRepairer(connection).apply(plan);
        } catch (SQLException e) {
            Files.deleteIfExists(undoFile);
            err.println("writing failed and was rolled back; nothing was written, so the undo file was deleted: "
                    + ConnectionFailure.firstLine(e.getMessage()));
            return FAILED;
        }
        return switch (outcome) {
            case Outcome.Committed committed -> verify(plan, committed.rows());
            case Outcome.ConcurrentChange conflict -> reportConflict(conflict.taskId(), undoFile);
        };
    }

    private static String reason(IOException e) {
        return e instanceof FileAlreadyExistsException ? "it already exists" : e.toString();
    }

    private int reportConflict(String taskId, Path undoFile) throws IOException {
        Files.deleteIfExists(undoFile);
        err.println("task " + taskId + " changed after it was listed (its version or times differ now); "
                + "everything was rolled back and nothing was written, so the undo file was deleted. "
                + "Run again to see the current state.");
        return FAILED;
    }

    private int verify(RepairPlan plan, int rows) throws SQLException {
        out.println("Changed " + ReportTable.count(plan.cellCount(), "cell") + " in "
                + ReportTable.count(rows, "task") + ". Values now:");
        List<TaskTimes> now = new TaskTimeScanner(connection).read(plan.taskIds(), scope.columns());
        out.print(ReportTable.result(plan, now, scope.years()));
        long stillWrong = now.stream()
                .flatMap(task -> task.values().values().stream())
                .filter(scope.years()::isWrong)
                .count();
        if (stillWrong > 0) {
            err.println(ReportTable.count(stillWrong, "cell") + " in these tasks still carry a year after "
                    + scope.years().wrongAfter() + " (changed again since?); check them and run again.");
            return FAILED;
        }
        out.println("Verified: no year after " + scope.years().wrongAfter() + " is left in these tasks.");
        return DONE;
    }
}
