package com.coze.timer.bootstrap;

import com.coze.timer.migrations.SchemaMigrations;
import com.coze.timer.persistence.DbCredentials;
import com.coze.timer.persistence.EmbeddedMariaDb;
import com.coze.timer.persistence.JdbcPersistence;
import com.coze.timer.persistence.PersistenceException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The database for the configured mode, migrated and ready: in embedded mode a MariaDB started
 * from the data folder (or, for a command run beside a running service, that service's server);
 * in cluster mode the external MySQL/MariaDB of {@code TIMER_DB_URL}.
 */
final class Storage implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Storage.class.getName());
    static final String EMBEDDED_DATABASE = "coze_timer";
    /** How long a left-over embedded server gets to shut down cleanly before it is killed. */
    private static final Duration LEFT_OVER_PATIENCE = Duration.ofSeconds(60);

    private final Optional<EmbeddedMariaDb> embedded;
    private final JdbcPersistence persistence;

    private Storage(Optional<EmbeddedMariaDb> embedded, JdbcPersistence persistence) {
        this.embedded = embedded;
        this.persistence = persistence;
    }

    /**
     * Opens the database. With {@code joinRunningService}, an embedded database already served by
     * a running instance is used instead of starting a second server on the same files; without
     * it, the caller is the service and holds the folder's service lock, so an embedded server
     * still running on the folder was left behind by a run that died, and is stopped first.
     */
    static Storage open(TimerSettings settings, DataFolder folder, boolean joinRunningService) {
        byte[] key = encryptionKey(settings, folder);
        if (settings.mode() == TimerSettings.Mode.CLUSTER) {
            return untilReachable(() -> {
                reach(settings);
                return migrated(Optional.empty(), settings.dbUrl(), settings.dbUser(), settings.dbPassword(), settings, key);
            }, settings.dbUrl());
        }
        if (joinRunningService) {
            Optional<DbCredentials> login = DbCredentials.read(folder.root());
            Optional<String> running = login.flatMap(credentials -> folder.lastDbPort().filter(Storage::listening)
                    .map(port -> EmbeddedMariaDb.jdbcUrl(port, EMBEDDED_DATABASE)));
            if (running.isPresent()) {
                return migrated(Optional.empty(), running.get(), login.get().user(), login.get().password(), settings, key);
            }
        }
        if (!joinRunningService && EmbeddedMariaDb.stopLeftOver(folder.root(), LEFT_OVER_PATIENCE)) {
            LOG.warning(() -> "stopped the embedded MariaDB that a previous run left running on " + folder.root()
                    + " (that run ended without stopping it: killed, or out of memory)");
        }
        EmbeddedMariaDb db = EmbeddedMariaDb.start(folder.root(), settings.embeddedDbPort(), settings.embeddedDbBufferPool());
        try {
            folder.rememberDbPort(db.port());
            LOG.info(() -> "embedded MariaDB on 127.0.0.1:" + db.port() + ", data in " + folder.root().resolve("mariadb"));
            return migrated(Optional.of(db), db.jdbcUrl(EMBEDDED_DATABASE), db.user(), db.password(), settings, key);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /**
     * {@link #open} on a thread of its own, for the service's start: the embedded server's start
     * (a child process) and the migrations' check then overlap the rest of the wiring.
     */
    static CompletableFuture<Storage> openInBackground(TimerSettings settings, DataFolder folder) {
        CompletableFuture<Storage> opened = new CompletableFuture<>();
        Thread.ofPlatform().name("coze-timer-storage-start").start(() -> {
            try {
                opened.complete(open(settings, folder, false));
            } catch (RuntimeException | Error e) {
                opened.completeExceptionally(e);
            }
        });
        return opened;
    }

    /** The storage {@link #openInBackground} opened, once it is; its failure as it was thrown. */
    static Storage awaitOpened(CompletableFuture<Storage> opening) {
        try {
            return opening.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /**
     * Opens the shared database, retrying for as long as it takes: an instance started before its
     * database waits for it, saying which address it cannot reach, instead of crashing.
     */
    private static Storage untilReachable(java.util.function.Supplier<Storage> open, String url) {
        String address = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        long backoffMs = 1_000;
        while (true) {
            try {
                Storage storage = open.get();
                LOG.info(() -> "database at " + address);
                return storage;
            } catch (RuntimeException e) {
                long wait = backoffMs;
                LOG.warning(() -> "cannot reach the database at " + address + ": " + rootMessage(e) + "; retrying in " + wait / 1000
                        + " s (check that it runs, and TIMER_DB_URL, TIMER_DB_USER, TIMER_DB_PASSWORD)");
                LOG.log(Level.FINE, "database unreachable", e);
                sleep(wait);
                backoffMs = Math.min(backoffMs * 2, 30_000);
            }
        }
    }

    /**
     * One plain connection first: the pool, on a database it cannot reach, logs a SEVERE stack
     * trace of its own on every attempt, where the line above says all there is to say.
     */
    private static void reach(TimerSettings settings) {
        Properties properties = new Properties();
        properties.setProperty("user", settings.dbUser());
        properties.setProperty("password", settings.dbPassword());
        properties.setProperty("connectTimeout", "5000");
        try (Connection ignored = DriverManager.getConnection(settings.dbUrl(), properties)) {
            // reachable, and the credentials work
        } catch (SQLException e) {
            throw new PersistenceException("cannot connect", e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the database", e);
        }
    }

    JdbcPersistence persistence() {
        return persistence;
    }

    /** The embedded database this process runs, if it runs one. */
    Optional<EmbeddedMariaDb> embedded() {
        return embedded;
    }

    @Override
    public void close() {
        try {
            persistence.close();
        } finally {
            embedded.ifPresent(EmbeddedMariaDb::close);
        }
    }

    private static Storage migrated(Optional<EmbeddedMariaDb> embedded, String url, String user, String password,
                                    TimerSettings settings, byte[] key) {
        JdbcPersistence persistence = new JdbcPersistence(url, user, password, settings.dbPoolSize(), key, java.time.Clock.systemUTC());
        try {
            long migrating = System.nanoTime();
            int applied = SchemaMigrations.migrate(persistence.dataSource());
            LOG.fine(() -> "start phase: schema migrations took " + (System.nanoTime() - migrating) / 1_000_000 + " ms");
            LOG.info(() -> applied > 0 ? "schema migrations: " + applied + " applied" : "schema migrations: none pending");
            return new Storage(embedded, persistence);
        } catch (RuntimeException e) {
            persistence.close();
            throw e;
        }
    }

    private static byte[] encryptionKey(TimerSettings settings, DataFolder folder) {
        if (settings.encryptionKey().isPresent()) {
            return settings.encryptionKey().get();
        }
        if (settings.mode() == TimerSettings.Mode.CLUSTER) {
            throw new TimerSettings.SettingsException(
                    "TIMER_MODE=cluster needs TIMER_ENCRYPTION_KEY (base64 of 32 bytes, the same on every instance)");
        }
        return folder.encryptionKey();
    }

    /**
     * Whether a server listens on the port: a TCP connect on loopback, which the kernel accepts at
     * once however busy the server is. (A JDBC login with a 2 s timeout decided this before: a
     * busy service's database, or a command's own cold start of the driver, could take longer,
     * and the command then tried to start a second server on the same files and gave up.)
     */
    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000); // where the embedded server listens
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
