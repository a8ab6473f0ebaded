package com.coze.timer.timefix;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code timefix} command line: repairs wrong years in the time columns of Coze Timer's
 * {@code tasks} table. This class holds the options and their validation; {@link RepairSession}
 * does the work. Dry run is the default; {@code --apply} writes, after confirmation.
 *
 * <p>Exit codes: 0 done or nothing to fix, 1 failure, 2 bad usage.
 */
@Command(name = "timefix", mixinStandardHelpOptions = true, version = "timefix 1.0.0",
        sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Repairs wrong years in Coze Timer task timestamps.",
            "",
            "Finds rows of the tasks table whose start_time, next_run_time, created_at or updated_at "
                + "has a year after --wrong-after (default: the database clock's current year), and sets "
                + "that year to --year (default: the current year), keeping month, day and "
                + "time to the millisecond. 29 February becomes 28 February when --year is not a leap "
                + "year; the report marks it.",
            "",
            "By default this is a dry run: it prints each change (task id, column, old and new value) "
                + "and the counts, and writes nothing. With --apply it asks for confirmation (or takes "
                + "--yes), saves an undo file of SQL that puts the old values back, writes all changes "
                + "in one transaction, and reads the rows back to check the result. Each row is only "
                + "changed if nobody changed it since it was listed; its version moves forward.",
            ""},
        footerHeading = "%nEnvironment:%n",
        footer = {
            "  TIMEFIX_HOST, TIMEFIX_PORT,     defaults for --host, --port, --user and",
            "  TIMEFIX_USER, TIMEFIX_DATABASE  --database",
            "  TIMEFIX_PASSWORD                the password; safer than --password,",
            "                                  which other users can see in ps",
            "Without --password or TIMEFIX_PASSWORD the password is asked for at a",
            "terminal, and is empty otherwise.",
            "",
            "Undo an applied run with the mysql client:",
            "  mysql -h HOST -P PORT -u USER -p DATABASE < timefix-undo-<stamp>.sql",
            "",
            "The embedded database of a data folder, running or not:",
            "  timefix --data-dir ./data",
            "",
            "Exit codes:",
            "  0  done, or nothing to fix",
            "  1  failure: cannot connect, a task changed meanwhile, a wrong year is left",
            "  2  bad usage, or a cutoff before the current year without --allow-past-cutoff"})
public final class TimeFixCommand implements Callable<Integer> {

    @Option(names = "--host", defaultValue = "${env:TIMEFIX_HOST:-localhost}",
            description = "Database host (default: ${DEFAULT-VALUE}).")
    private String host;

    @Option(names = "--port", defaultValue = "${env:TIMEFIX_PORT:-13306}",
            description = "Database port (default: ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--user", defaultValue = "${env:TIMEFIX_USER:-root}",
            description = "Database user (default: ${DEFAULT-VALUE}).")
    private String user;

    @Option(names = "--database", defaultValue = "${env:TIMEFIX_DATABASE:-coze_timer}",
            description = "Database name (default: ${DEFAULT-VALUE}).")
    private String database;

    @Option(names = "--jdbc-url", paramLabel = "<url>",
            description = "Full JDBC URL; overrides --host, --port and --database.")
    private String jdbcUrl;

    @Option(names = "--password", description = "Database password; prefer TIMEFIX_PASSWORD.")
    private String password;

    @Option(names = "--data-dir", paramLabel = "<dir>",
            description = "A Coze Timer data folder: its embedded database, running or not, with the folder's credentials;"
                + " replaces --host, --port, --user, --password and --database.")
    private Path dataDir;

    @Option(names = "--wrong-after", paramLabel = "<year>",
            description = "Years after this one are wrong (default: the database clock's current year).")
    private Integer wrongAfter;

    @Option(names = "--year",
            description = "The year that replaces a wrong one; at most --wrong-after (default: the database clock's current year).")
    private Integer year;

    @Option(names = "--allow-past-cutoff",
            description = "Allow a --wrong-after earlier than the database's current year, which moves this year's rows too"
                + " (the seed's own case: --wrong-after 2024 --year 2023 --allow-past-cutoff).")
    private boolean allowPastCutoff;

    @Option(names = "--columns", split = ",", paramLabel = "<column>", converter = TimeColumnConverter.class,
            defaultValue = "start_time,next_run_time,created_at,updated_at",
            description = "Columns to check, comma-separated (default: ${DEFAULT-VALUE}).")
    private List<TimeColumn> columns;

    @Option(names = "--task-id", paramLabel = "<id>", description = "Only this task.")
    private String taskId;

    @Option(names = "--user-id", paramLabel = "<id>", description = "Only this user's tasks.")
    private Long userId;

    @Option(names = "--apply", description = "Write the changes (after confirmation); without it nothing is written.")
    private boolean apply;

    @Option(names = "--yes", description = "With --apply: do not ask for confirmation (for scripts, no terminal).")
    private boolean yes;

    @Option(names = "--undo-file", paramLabel = "<file>",
            description = "Where --apply saves the undo SQL (default: timefix-undo-<yyyyMMdd-HHmmss>.sql here).")
    private Path undoFile;

    @Spec
    private CommandSpec spec;

    private final Terminal terminal;
    private final Clock clock;

    /** A command that asks {@code terminal} for password and confirmation and stamps files with {@code clock}. */
    public TimeFixCommand(Terminal terminal, Clock clock) {
        this.terminal = terminal;
        this.clock = clock;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new TimeFixCommand(Terminal.system(), Clock.systemDefaultZone())).execute(args));
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (apply && !yes && !terminal.isInteractive()) {
            err.println("--apply asks for confirmation, but there is no terminal to ask; "
                    + "add --yes to apply without asking. Nothing was written.");
            return ExitCode.USAGE;
        }
        if (dataDir != null) {
            try (EmbeddedDataDir embedded = EmbeddedDataDir.open(dataDir)) {
                if (embedded.startedHere()) {
                    err.println("No service runs on " + dataDir + "; started its embedded database for this run.");
                }
                return connectAndRun(embedded.target(), embedded.password(), err);
            } catch (IOException | RuntimeException e) {
                err.println("cannot reach the embedded database of " + dataDir + ": " + ConnectionFailure.firstLine(e.getMessage()));
                return ExitCode.SOFTWARE;
            }
        }
        DatabaseTarget target = new DatabaseTarget(host, port, database, user, jdbcUrl);
        return connectAndRun(target, null, err);
    }

    private int connectAndRun(DatabaseTarget target, String knownPassword, PrintWriter err) {
        try (Connection connection = connect(target, knownPassword)) {
            int currentYear = DatabaseClock.currentYear(connection);
            RepairScope scope = scope(currentYear);
            RepairSession session = new RepairSession(connection, scope, spec.commandLine().getOut(), err);
            if (scope.years().wrongAfter() < currentYear && !allowPastCutoff) {
                return refusePastCutoff(session, scope, currentYear, err);
            }
            return run(session, target);
        } catch (CannotConnect e) {
            err.println(e.getMessage());
        } catch (SQLException e) {
            err.println("database error on " + target.describe() + ": " + ConnectionFailure.firstLine(e.getMessage()));
        } catch (IOException e) {
            err.println("file error: " + e);
        }
        return ExitCode.SOFTWARE;
    }

    private int run(RepairSession session, DatabaseTarget target) throws SQLException, IOException {
        RepairPlan plan = session.plan();
        if (plan.isEmpty()) {
            session.reportNothingToFix();
            return ExitCode.OK;
        }
        session.show(plan);
        if (!apply) {
            session.reportDryRun();
            return ExitCode.OK;
        }
        if (!yes && !terminal.awaitEnter("Press Enter to continue, Ctrl+C to cancel ")) {
            spec.commandLine().getErr().println("Cancelled; nothing was written.");
            return ExitCode.SOFTWARE;
        }
        return session.apply(plan, undoFile != null ? undoFile : UndoFile.defaultPath(clock), target.describe());
    }

    /**
     * A cutoff before the database's current year would move this year's rows, which are right: it
     * is refused, saying how many rows from which years it would move, unless --allow-past-cutoff.
     */
    private int refusePastCutoff(RepairSession session, RepairScope scope, int currentYear, PrintWriter err) throws SQLException {
        RepairPlan plan = session.plan();
        err.println("Refused: --wrong-after " + scope.years().wrongAfter() + " is before the database's current year " + currentYear
                + ", so it would move " + plan.rows().size() + " row(s) " + DatabaseClock.yearsOf(plan)
                + " to " + scope.years().targetYear() + ", rows of this year among them. Nothing was written.");
        err.println("If those years really are wrong (the seed's case is --wrong-after 2024 --year 2023), add --allow-past-cutoff.");
        return ExitCode.USAGE;
    }

    /** The scope; an unset year rule comes from the database's clock: its current year is the last right one. */
    private RepairScope scope(int currentYear) {
        try {
            int cutoff = wrongAfter != null ? wrongAfter : currentYear;
            int target = year != null ? year : Math.min(currentYear, cutoff);
            return new RepairScope(new YearRepair(cutoff, target), columnSet(), taskId, userId);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private EnumSet<TimeColumn> columnSet() {
        return columns.isEmpty() ? EnumSet.noneOf(TimeColumn.class) : EnumSet.copyOf(columns);
    }

    private Connection connect(DatabaseTarget target, String knownPassword) throws CannotConnect {
        try {
            return target.connect(knownPassword != null ? knownPassword : password(target));
        } catch (SQLException e) {
            throw new CannotConnect(ConnectionFailure.describe(target, e));
        }
    }

    private String password(DatabaseTarget target) {
        if (password != null) {
            return password;
        }
        String fromEnvironment = System.getenv("TIMEFIX_PASSWORD");
        if (fromEnvironment != null) {
            return fromEnvironment;
        }
        return new String(terminal.readPassword("Password for " + user + " at " + target.describe() + ": "));
    }

    /** A failed connection, already explained in one line. */
    private static final class CannotConnect extends Exception {
        CannotConnect(String message) {
            super(message, null, false, false);
        }
    }
}
