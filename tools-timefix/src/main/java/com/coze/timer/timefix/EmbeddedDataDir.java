package com.coze.timer.timefix;

import com.coze.timer.persistence.EmbeddedMariaDb;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;

/**
 * The embedded database of a Coze Timer data folder ({@code --data-dir}): the server the service
 * runs on it, reached through {@code mariadb/port}, or, when none answers there, a server started
 * on the folder for this run and stopped after it. The credentials are the folder's
 * {@code db-credentials} ({@code user=} and {@code password=}); a folder from before they existed
 * is reached as its server's own user without a password.
 */
final class EmbeddedDataDir implements AutoCloseable {

    static final String DATABASE = "coze_timer";
    static final String CREDENTIALS_FILE = "db-credentials";
    static final String PORT_FILE = "mariadb/port";

    private final DatabaseTarget target;
    private final String password;
    private final Optional<EmbeddedMariaDb> started;

    private EmbeddedDataDir(DatabaseTarget target, String password, Optional<EmbeddedMariaDb> started) {
        this.target = target;
        this.password = password;
        this.started = started;
    }

    /** Reaches the folder's database, starting its server if no service runs one. */
    static EmbeddedDataDir open(Path dataDir) throws IOException {
        Path root = dataDir.toAbsolutePath().normalize();
        if (!Files.isDirectory(root.resolve("mariadb"))) {
            throw new IOException(root + " is not a Coze Timer data folder (it has no mariadb folder)");
        }
        Properties credentials = credentials(root);
        Optional<Integer> port = runningPort(root);
        if (port.isPresent() && answers(port.get(), credentials)) {
            return new EmbeddedDataDir(target(port.get(), credentials.getProperty("user", "root")),
                    credentials.getProperty("password", ""), Optional.empty());
        }
        EmbeddedMariaDb db = EmbeddedMariaDb.start(root, 0);
        return new EmbeddedDataDir(target(db.port(), credentials.getProperty("user", db.user())),
                credentials.getProperty("password", ""), Optional.of(db));
    }

    DatabaseTarget target() {
        return target;
    }

    String password() {
        return password;
    }

    /** Whether this run started the server (it stops it on close). */
    boolean startedHere() {
        return started.isPresent();
    }

    @Override
    public void close() {
        started.ifPresent(EmbeddedMariaDb::close);
    }

    private static DatabaseTarget target(int port, String user) {
        return new DatabaseTarget("127.0.0.1", port, DATABASE, user, null);
    }

    private static Properties credentials(Path root) throws IOException {
        Properties properties = new Properties();
        Path file = root.resolve(CREDENTIALS_FILE);
        if (Files.exists(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
        }
        return properties;
    }

    private static Optional<Integer> runningPort(Path root) throws IOException {
        Path file = root.resolve(PORT_FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(Files.readString(file).trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean answers(int port, Properties credentials) {
        DatabaseTarget probe = target(port, credentials.getProperty("user", "root"));
        try (Connection ignored = DriverManager.getConnection(probe.url(), probe.user(), credentials.getProperty("password", ""))) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
