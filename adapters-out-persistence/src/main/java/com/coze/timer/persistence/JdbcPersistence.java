package com.coze.timer.persistence;

import com.coze.timer.application.port.out.ApiTokens;
import com.coze.timer.application.port.out.DeadLetters;
import com.coze.timer.application.port.out.ExecutionLog;
import com.coze.timer.application.port.out.FailureOutbox;
import com.coze.timer.application.port.out.LogPurging;
import com.coze.timer.application.port.out.FireLedger;
import com.coze.timer.application.port.out.TaskQueries;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import javax.sql.DataSource;

/**
 * The persistence adapter, assembled: a HikariCP pool on a MySQL 8 / MariaDB database and the JDBC
 * implementations of the store ports on top of it. The bootstrap makes one, runs the schema
 * migrations on {@link #dataSource()}, hands the ports to the application and closes it on shutdown.
 *
 * <p>Connections are configured so that results do not depend on any time zone: the session runs in
 * UTC, and every {@code DATETIME(3)} is written and read as its UTC wall time (see {@link Jdbc}).
 * Callback headers and bodies are sealed with {@code encryptionKey} (AES-256-GCM, see {@link SecretBox}).
 */
public final class JdbcPersistence implements AutoCloseable {

    /** How long a caller waits for a connection (and a new connection for the server) before failing. */
    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(2);
    /** How long a pooled connection's liveness check may take (Hikari's minimum is 250 ms). */
    static final Duration VALIDATION_TIMEOUT = Duration.ofSeconds(1);

    private final HikariDataSource dataSource;
    private final TaskQueries taskQueries;
    private final ExecutionLog executionLog;
    private final ApiTokens apiTokens;
    private final Jdbc jdbc;
    private final TaskRows rows;
    private final JdbcExecutionLog log;
    private final JdbcDeadLetters deadLetters;

    /**
     * Opens the pool (failing fast if the database is unreachable).
     *
     * @param encryptionKey the 32-byte AES key for callback secrets; copied, so the caller may wipe it
     * @param clock         stamps the rows whose time the caller does not give ({@code task_logs.created_at})
     */
    public JdbcPersistence(String jdbcUrl, String user, String password, int poolSize, byte[] encryptionKey, Clock clock) {
        SecretBox secrets = new SecretBox(encryptionKey == null ? null : Arrays.copyOf(encryptionKey, encryptionKey.length));
        this.dataSource = new HikariDataSource(poolConfig(jdbcUrl, user, password, poolSize));
        this.jdbc = new Jdbc(dataSource);
        this.rows = new TaskRows(secrets);
        this.taskQueries = new JdbcTaskQueries(jdbc, rows);
        this.log = new JdbcExecutionLog(jdbc, clock);
        this.executionLog = log;
        this.apiTokens = new JdbcApiTokens(jdbc);
        this.deadLetters = new JdbcDeadLetters(jdbc, rows);
    }

    /** The pool, for the schema migrations and for adapters that need plain JDBC. */
    public DataSource dataSource() {
        return dataSource;
    }

    public TaskQueries taskQueries() {
        return taskQueries;
    }

    public ExecutionLog executionLog() {
        return executionLog;
    }

    public ApiTokens apiTokens() {
        return apiTokens;
    }

    /**
     * The writer of tasks for the instance {@code owner}, recorded as the holder of the fires it
     * claims: the engine's ledger, and the use cases' {@code TaskStore}.
     */
    public FireLedger fireLedger(String owner) {
        return new JdbcFireLedger(jdbc, rows, log, deadLetters, owner);
    }

    public DeadLetters deadLetters() {
        return deadLetters;
    }

    /** The outbox of failure callbacks, claimed by the relay of each instance. */
    public FailureOutbox failureOutbox() {
        return new JdbcFailureOutbox(jdbc);
    }

    /** Small, bounded deletes of the execution log, for its retention and cap. */
    public LogPurging logPurging() {
        return new JdbcLogPurging(jdbc);
    }

    /** Closes the pool and its connections. */
    @Override
    public void close() {
        dataSource.close();
    }

    private static HikariConfig poolConfig(String jdbcUrl, String user, String password, int poolSize) {
        if (poolSize < 1) {
            throw new IllegalArgumentException("the database pool size must be >= 1, not " + poolSize);
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("coze-timer-db");
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        // Fail fast while the database is down, so that the engine's threads retry every couple of
        // seconds and resume as soon as it is back, rather than each waiting out Hikari's 30 s.
        config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        config.setValidationTimeout(VALIDATION_TIMEOUT.toMillis());
        config.addDataSourceProperty("connectTimeout", Long.toString(CONNECTION_TIMEOUT.toMillis()));
        // Session time zone UTC, so that NOW() and any driver-side conversion agree with the stored UTC times.
        config.addDataSourceProperty("connectionTimeZone", "UTC");
        config.addDataSourceProperty("forceConnectionTimeZoneToSession", "true");
        config.addDataSourceProperty("characterEncoding", "UTF-8");
        config.addDataSourceProperty("cachePrepStmts", "true");
        config.addDataSourceProperty("prepStmtCacheSize", "250");
        config.addDataSourceProperty("prepStmtCacheSqlLimit", "2048");
        config.addDataSourceProperty("rewriteBatchedStatements", "true");
        // Track autocommit and read-only on the client instead of asking the server: without it every
        // batch, update and commit first sends "SELECT @@session.transaction_read_only" (three of the
        // eight statements of each outcome transaction). Safe: the code changes session state only
        // through the JDBC API, never with SET statements.
        config.addDataSourceProperty("useLocalSessionState", "true");
        return config;
    }
}
