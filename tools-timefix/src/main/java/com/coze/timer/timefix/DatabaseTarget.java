package com.coze.timer.timefix;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Where the tool connects: host, port and database, or a full JDBC URL that replaces them, and the
 * user to connect as.
 *
 * <p>The URL built from host, port and database asks the driver for no time-zone conversion
 * ({@code preserveInstants=false}) and gives up connecting after five seconds.
 *
 * @param jdbcUrl a JDBC URL that overrides host, port and database, or {@code null}
 */
record DatabaseTarget(String host, int port, String database, String user, String jdbcUrl) {

    private static final String URL_OPTIONS = "?connectTimeout=5000&preserveInstants=false";

    /** The JDBC URL to connect to. */
    String url() {
        return jdbcUrl != null ? jdbcUrl : "jdbc:mysql://" + host + ":" + port + "/" + database + URL_OPTIONS;
    }

    /** {@code host:port/database}, for messages; never contains a password. */
    String describe() {
        if (jdbcUrl == null) {
            return host + ":" + port + "/" + database;
        }
        String withoutScheme = jdbcUrl.replaceFirst("^jdbc:[a-z]+://", "");
        int query = withoutScheme.indexOf('?');
        return query < 0 ? withoutScheme : withoutScheme.substring(0, query);
    }

    /** Opens a connection as {@link #user()} with {@code password}. */
    Connection connect(String password) throws SQLException {
        return DriverManager.getConnection(url(), user, password);
    }
}
