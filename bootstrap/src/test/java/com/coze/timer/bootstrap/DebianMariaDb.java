package com.coze.timer.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Debian's MariaDB server ({@code apt-get install -y mariadb-server}: 10.11 on Debian 12), run for a
 * test from a fresh data folder on a loopback port, root without a password. Absent when the
 * package is not installed; the test then says so in one line and is skipped.
 */
final class DebianMariaDb implements ClusterServers.SharedDatabase {

    private static final Path SERVER = Path.of("/usr/sbin/mariadbd");
    private static final Path INSTALL = Path.of("/usr/bin/mariadb-install-db");

    private final Process process;
    private final int port;

    private DebianMariaDb(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** The server, started below {@code root}, if Debian's package is installed. */
    static Optional<DebianMariaDb> startIfInstalled(Path root) {
        if (!Files.isExecutable(SERVER) || !Files.isExecutable(INSTALL)) {
            System.out.println("skipped: Debian's mariadb-server is not installed (apt-get install -y mariadb-server)");
            return Optional.empty();
        }
        Path data = root.resolve("debian-mariadb");
        List<String> asRoot = "root".equals(System.getProperty("user.name")) ? List.of("--user=root") : List.of();
        try {
            Files.createDirectories(data);
            List<String> install = new ArrayList<>(List.of(INSTALL.toString(), "--no-defaults", "--datadir=" + data.resolve("data"),
                    "--auth-root-authentication-method=normal", "--skip-test-db"));
            install.addAll(asRoot);
            Process installing = new ProcessBuilder(install).redirectErrorStream(true)
                    .redirectOutput(data.resolve("install.log").toFile()).start();
            if (!installing.waitFor(120, TimeUnit.SECONDS) || installing.exitValue() != 0) {
                throw new IllegalStateException("mariadb-install-db failed; see " + data.resolve("install.log"));
            }
            int port = ClusterServers.freePort();
            List<String> serve = new ArrayList<>(List.of(SERVER.toString(), "--no-defaults", "--datadir=" + data.resolve("data"),
                    "--socket=" + data.resolve("s.sock"), "--port=" + port, "--bind-address=127.0.0.1"));
            serve.addAll(asRoot);
            Process server = new ProcessBuilder(serve).redirectErrorStream(true).redirectOutput(data.resolve("mariadbd.log").toFile()).start();
            DebianMariaDb db = new DebianMariaDb(server, port);
            db.awaitReady();
            return Optional.of(db);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && process.isAlive()) {
            try (Connection ignored = DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + port + "/", dbUser(), dbPassword())) {
                return;
            } catch (SQLException notYet) {
                Thread.sleep(50);
            }
        }
        close();
        throw new IllegalStateException("Debian's mariadbd did not answer on port " + port);
    }

    @Override
    public String dbUrl() {
        return "jdbc:mysql://127.0.0.1:" + port + "/coze_timer?createDatabaseIfNotExist=true";
    }

    @Override
    public String dbUser() {
        return "root";
    }

    @Override
    public String dbPassword() {
        return "";
    }

    @Override
    public void kill() {
        process.destroyForcibly();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
