package com.coze.timer.persistence;

import com.coze.timer.application.port.out.StorageUnavailable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The one place where connections are borrowed, transactions committed or rolled back, and
 * {@link SQLException}s turned into {@link PersistenceException}s naming what was being done.
 *
 * <p>Instants are written to {@code DATETIME(3)} as their UTC wall time, truncated to the
 * millisecond (as text, see {@link #setInstant}), and read back as {@link LocalDateTime}: no driver,
 * server or JVM time zone is ever involved.
 */
final class Jdbc {

    /** Work done on a connection; may throw {@link SQLException}. */
    @FunctionalInterface
    interface Work<T> {
        T apply(Connection connection) throws SQLException;
    }

    private static final DateTimeFormatter DATETIME_3 = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS");

    private final DataSource dataSource;

    Jdbc(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs {@code work} on a pooled connection in auto-commit mode. */
    <T> T run(String what, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.apply(connection);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. */
    <T> T inTransaction(String what, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.apply(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(connection, e);
                throw e;
            }
            // No need to restore auto-commit: the pool resets it when the connection goes back.
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /**
     * The failure as the application sees it: {@link StorageUnavailable} for a connection that broke
     * or could not be had (SQLState class 08, the pool's timeout), else a {@link PersistenceException}.
     */
    static RuntimeException failure(String what, SQLException e) {
        String message = "database failure while " + what + ": " + e.getMessage() + " (SQLState " + e.getSQLState() + ")";
        boolean unreachable = e instanceof SQLTransientConnectionException || e instanceof SQLNonTransientConnectionException
                || (e.getSQLState() != null && e.getSQLState().startsWith("08"));
        return unreachable ? new StorageUnavailable(message, e) : new PersistenceException(message, e);
    }

    /**
     * Binds {@code instant} as the text of its UTC wall time with milliseconds
     * ({@code 2026-12-01 08:45:08.500}), which the server converts to {@code DATETIME(3)} itself.
     * Not as a {@link LocalDateTime}: MySQL Connector/J drops the fraction of those for a server
     * that announces a version before 5.6.4, and MariaDB 10.x announces itself as {@code 5.5.5-10.x}.
     */
    static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        if (instant == null) {
            statement.setNull(index, Types.TIMESTAMP);
        } else {
            statement.setString(index, DATETIME_3.format(LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC)));
        }
    }

    static void setInstant(PreparedStatement statement, int index, Optional<Instant> instant) throws SQLException {
        setInstant(statement, index, instant.orElse(null));
    }

    static Optional<Instant> instant(ResultSet row, String column) throws SQLException {
        LocalDateTime value = row.getObject(column, LocalDateTime.class);
        return Optional.ofNullable(value).map(local -> local.toInstant(ZoneOffset.UTC));
    }

    static Instant requiredInstant(ResultSet row, String column) throws SQLException {
        return instant(row, column).orElseThrow(() -> new IllegalStateException("column " + column + " is NULL"));
    }

    static Optional<Long> nullableLong(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? Optional.empty() : Optional.of(value);
    }

    private static void rollback(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
