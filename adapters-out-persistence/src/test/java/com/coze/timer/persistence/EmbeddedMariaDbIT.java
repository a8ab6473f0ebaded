package com.coze.timer.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EmbeddedMariaDbIT {

    // Below java.io.tmpdir on purpose, as the data of a service run from /tmp would be.
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
    void dataSurvivesARestartWithAnotherBufferPool() throws Exception {
        try (EmbeddedMariaDb db = EmbeddedMariaDb.start(root, 0);
             Connection c = DriverManager.getConnection(db.jdbcUrl("kept"), db.user(), db.password())) {
            c.createStatement().execute("CREATE TABLE t (v INT)");
            c.createStatement().execute("INSERT INTO t VALUES (42)");
            assertThat(bufferPool(c)).isEqualTo(EmbeddedMariaDb.DEFAULT_BUFFER_POOL);
        }
        try (EmbeddedMariaDb db = EmbeddedMariaDb.start(root, 0, 64L << 20);
             Connection c = DriverManager.getConnection(db.jdbcUrl("kept"), db.user(), db.password())) {
            assertThat(bufferPool(c)).isEqualTo(64L << 20);
        }
        try (EmbeddedMariaDb db = EmbeddedMariaDb.start(root, 0);
             Connection c = DriverManager.getConnection(db.jdbcUrl("kept"), db.user(), db.password());
             ResultSet rs = c.createStatement().executeQuery("SELECT v FROM t")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(42);
        }
    }

    @Test
    void onlyTheGeneratedUserGetsInAndItsFilesAreTheOwnersAlone() throws Exception {
        try (EmbeddedMariaDb db = EmbeddedMariaDb.start(root, 0)) {
            assertThat(permissions(root.resolve(DbCredentials.FILE))).isEqualTo("rw-------");
            assertThat(permissions(root)).isEqualTo("rwx------");
            assertThat(permissions(root.resolve("mariadb"))).isEqualTo("rwx------");
            assertThat(DbCredentials.read(root)).contains(new DbCredentials(db.user(), db.password()));
            for (String[] login : List.of(new String[] {"root", ""}, new String[] {"root", "root"}, new String[] {"nobody", ""},
                    new String[] {db.user(), ""}, new String[] {db.user(), db.password() + "x"})) {
                assertThatThrownBy(() -> DriverManager.getConnection(db.jdbcUrl("kept"), login[0], login[1]).close())
                        .as("login as " + login[0]).isInstanceOf(SQLException.class);
            }
            try (Connection ignored = DriverManager.getConnection(db.jdbcUrl("kept"), db.user(), db.password())) {
                assertThat(Files.exists(root.resolve("mariadb").resolve("mariadbd.log"))).as("the server's own log").isTrue();
            }
            asAnotherUser(root.resolve(DbCredentials.FILE), root.resolve("mariadb").resolve("mariadbd.sock"));
        }
    }

    /** As the OS user nobody (when the tests run as root): the files cannot be read, the socket cannot be reached. */
    private static void asAnotherUser(Path credentials, Path socket) throws Exception {
        boolean canSwitch = "root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/sbin/runuser"));
        if (!canSwitch) {
            System.out.println("skipped: the check as another OS user needs root and runuser");
        }
        assumeTrue(canSwitch, "the check as another OS user needs root and runuser");
        assertThat(Files.exists(socket)).as("the socket is in the data folder").isTrue();
        assertThat(runAsNobody("cat", credentials.toString())).as("nobody reads the credentials").isNotZero();
        assertThat(runAsNobody("test", "-e", socket.toString())).as("nobody reaches the socket").isNotZero();
        assertThat(runAsNobody("ls", credentials.getParent().resolve("mariadb").resolve("data").toString())).as("nobody lists the data").isNotZero();
    }

    private static int runAsNobody(String... command) throws Exception {
        List<String> full = new ArrayList<>(List.of("/usr/sbin/runuser", "-u", "nobody", "--"));
        full.addAll(List.of(command));
        Process process = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }

    @Test
    void aDataFolderServedWithoutGrantTablesIsLockedInPlaceOnItsFirstStartAndKeepsItsData() throws Exception {
        int port = runAsTheVersionWithoutGrantTablesDid();
        assertThat(Files.exists(root.resolve(DbCredentials.FILE))).isFalse();

        try (EmbeddedMariaDb db = EmbeddedMariaDb.start(root, port);
             Connection c = DriverManager.getConnection(db.jdbcUrl("kept"), db.user(), db.password());
             ResultSet rs = c.createStatement().executeQuery("SELECT v FROM t")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(11);
            assertThat(DbCredentials.read(root)).isPresent();
            assertThatThrownBy(() -> DriverManager.getConnection(db.jdbcUrl("kept"), "root", "").close()).isInstanceOf(SQLException.class);
            assertThat(root.resolve("mariadb").resolve("base")).as("the old copy of the binaries is gone").doesNotExist();
        }
    }

    /** Installs and serves {@code root} as the version before did (grant tables skipped, binaries in mariadb/base), with a row. */
    private int runAsTheVersionWithoutGrantTablesDid() throws Exception {
        MariaDbHome home = MariaDbHome.prepare(root);
        Files.createDirectories(home.home().resolve("base").resolve("bin"));
        Files.writeString(home.home().resolve("base").resolve("bin").resolve("mariadbd"), "old copy");
        assertThat(home.process(home.installCommand()).start().waitFor()).isZero();
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        List<String> command = new ArrayList<>(home.serverCommand(port, EmbeddedMariaDb.DEFAULT_BUFFER_POOL).stream().filter(arg -> !arg.startsWith("--init-file=")).toList());
        command.add("--skip-grant-tables");
        Process old = home.process(command).start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (true) {
                try (Connection c = DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + port + "/kept?createDatabaseIfNotExist=true&connectTimeout=2000&socketTimeout=5000", "anyone", "")) {
                    c.createStatement().execute("CREATE TABLE t (v INT)");
                    c.createStatement().execute("INSERT INTO t VALUES (11)");
                    break;
                } catch (SQLException notYet) {
                    assertThat(System.nanoTime()).as("the old server answers").isLessThan(deadline);
                    Thread.sleep(100);
                }
            }
        } finally {
            old.destroy();
            old.waitFor(60, TimeUnit.SECONDS);
        }
        return port;
    }

    @Test
    void aKilledServerIsStartedAgainOnItsDataAndPort() throws Exception {
        try (EmbeddedMariaDb db = EmbeddedMariaDb.start(root, 0)) {
            try (Connection c = DriverManager.getConnection(db.jdbcUrl("kept"), db.user(), db.password())) {
                c.createStatement().execute("CREATE TABLE t (v INT)");
                c.createStatement().execute("INSERT INTO t VALUES (5)");
            }
            ProcessHandle first = db.serverProcess().orElseThrow();

            first.destroyForcibly();
            first.onExit().get(10, TimeUnit.SECONDS);

            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!db.isRunning() || db.serverProcess().map(ProcessHandle::pid).orElse(first.pid()) == first.pid()) {
                assertThat(db.canRecover()).as("still recovering").isTrue();
                assertThat(System.nanoTime()).as("restarted within a minute").isLessThan(deadline);
                Thread.sleep(20);
            }
            try (Connection c = DriverManager.getConnection(db.jdbcUrl("kept"), db.user(), db.password());
                 ResultSet rs = c.createStatement().executeQuery("SELECT v FROM t")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(5);
            }
        }
    }

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static long bufferPool(Connection c) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery("SELECT @@innodb_buffer_pool_size")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
