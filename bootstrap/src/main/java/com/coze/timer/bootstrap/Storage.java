package com.coze.timer.bootstrap;

import com.coze.timer.migrations.SchemaMigrations;
import com.coze.timer.persistence.DbCredentials;
import com.coze.timer.persistence.EmbeddedMariaDb;
import com.coze.timer.persistence.JdbcPersistence;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
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
            return untilReachable(() -> migrated(Optional.empty(), settings.dbUrl(), settings.dbUser(), settings.dbPassword(), settings, key),
                    settings.dbUrl());
        }
        if (joinRunningService) {
            Optional<DbCredentials> login = DbCredentials.read(folder.root());
            Optional<String> running = login.flatMap(credentials -> folder.lastDbPort()
                    .map(port -> EmbeddedMariaDb.jdbcUrl(port, EMBEDDED_DATABASE)).filter(url -> answers(url, credentials)));
            if (running.isPresent()) {
                return migrated(Optional.empty(), running.get(), login.get().user(), login.get().password(), settings, key);
            }
        }
        if (!joinRunningService && EmbeddedMariaDb.stopLeftOver(folder.root(), LEFT_OVER_PATIENCE)) {
            LOG.warning(() -> "stopped the embedded MariaDB that a previous run left running on " + folder.root()
                    + " (that run ended without stopping it: killed, or out of memory)");
        }
        EmbeddedMariaDb db = EmbeddedMariaDb.start(folder.root(), settings.embeddedDbPort());
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
     * Opens the shared database, retrying for as long as it takes: an instance started before its
     * database waits for it, saying which address it cannot reach, instead of crashing.
     */
    private static Storage untilReachable(java.util.function.Supplier<Storage> open, String url) {
        String address = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        long backoffMs = 1_000;
        while (true) {
            try {
                return open.get();
            } catch (RuntimeException e) {
                long wait = backoffMs;
                LOG.warning(() -> "cannot reach the database at " + address + ": " + rootMessage(e) + "; retrying in " + wait / 1000 + " s");
                sleep(wait);
                backoffMs = Math.min(backoffMs * 2, 30_000);
            }
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
            int applied = SchemaMigrations.migrate(persistence.dataSource());
            if (applied > 0) {
                LOG.info(() -> "applied " + applied + " schema migration(s)");
            }
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

    private static boolean answers(String url, DbCredentials login) {
        DriverManager.setLoginTimeout(2);
        try (Connection ignored = DriverManager.getConnection(url, login.user(), login.password())) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
