package com.coze.timer.timefix;

import com.coze.timer.timefix.RepairPlan.Cell;
import com.coze.timer.timefix.RepairPlan.Row;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.stream.Collectors;

/**
 * The SQL script that puts back the values a repair is about to change, saved before anything is
 * written. It holds one {@code UPDATE} per task, one statement per line, inside
 * {@code START TRANSACTION; … COMMIT;}, and runs with the mysql client:
 * {@code mysql -h HOST -P PORT -u USER -p DATABASE < timefix-undo-….sql}.
 *
 * <p>Undoing restores the time values exactly; like the repair itself it moves each task's
 * {@code version} forward, so that the service's optimistic lock notices this change too.
 */
final class UndoFile {

    private static final DateTimeFormatter FILE_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private UndoFile() {
    }

    /** {@code timefix-undo-<yyyyMMdd-HHmmss>.sql} in the current folder, stamped with local time. */
    static Path defaultPath(Clock clock) {
        return Path.of("timefix-undo-" + FILE_STAMP.format(LocalDateTime.now(clock)) + ".sql");
    }

    /** Saves the undo script of {@code plan} to {@code path} (mode 0600); refuses to overwrite an existing file. */
    static void write(Path path, RepairPlan plan, String database) throws IOException {
        // readable by its owner only: it holds task ids and times of every user; createFile refuses an existing file
        Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(path, script(plan, database), StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** The undo script of {@code plan}. */
    static String script(RepairPlan plan, String database) {
        StringBuilder sql = new StringBuilder()
                .append("-- Coze Timer timefix undo file for ").append(database).append('\n')
                .append("-- Puts back the old values of ").append(plan.cellCount()).append(" cells in ")
                .append(plan.rows().size()).append(" tasks; each task's version moves forward.\n")
                .append("START TRANSACTION;\n");
        plan.rows().forEach(row -> sql.append(restore(row)).append('\n'));
        return sql.append("COMMIT;\n").toString();
    }

    private static String restore(Row row) {
        String assignments = row.cells().stream()
                .map(UndoFile::assignOld)
                .collect(Collectors.joining(", "));
        return "UPDATE tasks SET " + assignments + ", version = version + 1"
                + " WHERE task_id = " + literal(row.taskId()) + ";";
    }

    private static String assignOld(Cell cell) {
        return cell.column().sqlName() + " = " + literal(DateTimeText.of(cell.oldValue()));
    }

    /** A MySQL string literal; quotes and backslashes are escaped so any task id stays one literal. */
    private static String literal(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
    }
}
