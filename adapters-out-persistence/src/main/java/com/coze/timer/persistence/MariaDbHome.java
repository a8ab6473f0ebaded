package com.coze.timer.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where one embedded MariaDB keeps its files, below {@code <root>/mariadb} (mode 0700): {@code data}
 * (the databases), {@code tmp}, {@code mariadbd.log} (the server's own output) and, when the path is
 * short enough for a unix socket, {@code mariadbd.sock}; and how its server is installed and run
 * from the shared binaries at {@code base}.
 */
record MariaDbHome(Path root, Path home, Path base) {

    /** Unix socket paths are limited to 108 bytes. */
    private static final int MAX_SOCKET_PATH = 100;
    private static final String OWNER_ONLY = "rwx------";

    /** The home below {@code root}, created (or, from an older version, tightened to 0700 and rid of its own binaries copy). */
    static MariaDbHome prepare(Path root) {
        Path absolute = root.toAbsolutePath().normalize();
        MariaDbHome home = new MariaDbHome(absolute, absolute.resolve("mariadb"), MariaDbBinaries.base());
        ownerOnlyFolder(absolute);
        ownerOnlyFolder(home.home());
        ownerOnlyFolder(home.tmp());
        MariaDbBinaries.deleteTree(home.home().resolve("base")); // the binaries a version before the shared cache unpacked here
        return home;
    }

    Path data() {
        return home.resolve("data");
    }

    Path tmp() {
        return home.resolve("tmp");
    }

    Path log() {
        return home.resolve("mariadbd.log");
    }

    Path initFile() {
        return home.resolve("init.sql");
    }

    /** Whether the data folder holds an installed server (its system tables). */
    boolean installed() {
        return Files.isDirectory(data().resolve("mysql"));
    }

    /** The socket: in the home if short enough, else in an owner-only folder of the temporary folder. */
    Path socket() {
        Path inHome = home.resolve("mariadbd.sock");
        if (inHome.toString().length() <= MAX_SOCKET_PATH) {
            return inHome;
        }
        Path folder = Path.of(System.getProperty("java.io.tmpdir"), "coze-timer-mariadb-" + Integer.toHexString(home.toString().hashCode()));
        ownerOnlyFolder(folder);
        return folder.resolve("mariadbd.sock");
    }

    /** The argument that names this home's data folder; a running server is recognised by it. */
    String dataDirArgument() {
        return "--datadir=" + data();
    }

    List<String> installCommand() {
        List<String> command = new ArrayList<>(List.of(base.resolve("scripts").resolve("mariadb-install-db").toString(),
                "--no-defaults", "--basedir=" + base, dataDirArgument(), "--auth-root-authentication-method=socket",
                "--skip-test-db", "--skip-name-resolve", "--force"));
        asRoot().ifPresent(command::add);
        return command;
    }

    /** The server on {@code port} with a buffer pool (table and index pages cached) of {@code bufferPoolBytes}. */
    List<String> serverCommand(int port, long bufferPoolBytes) {
        List<String> command = new ArrayList<>(List.of(base.resolve("bin").resolve("mariadbd").toString(),
                "--no-defaults", "--basedir=" + base, dataDirArgument(), "--tmpdir=" + tmp(), "--socket=" + socket(),
                "--port=" + port, "--bind-address=127.0.0.1", "--skip-name-resolve", "--log-error=" + log(),
                "--pid-file=" + home.resolve("mariadbd.pid"), "--init-file=" + initFile(),
                "--innodb-buffer-pool-size=" + bufferPoolBytes,
                // Loopback only, no TLS: MariaDB 11.4 would otherwise generate an RSA key at every
                // start, which takes from 1 s to over 30 s on a busy machine (and so would every restart).
                "--skip-ssl"));
        asRoot().ifPresent(command::add);
        return command;
    }

    /** mariadbd refuses to run as root without being told to. */
    private static Optional<String> asRoot() {
        return "root".equals(System.getProperty("user.name")) ? Optional.of("--user=root") : Optional.empty();
    }

    /** A process builder for {@code command}, its output appended to the log, the server's libraries found. */
    ProcessBuilder process(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
        MariaDbBinaries.libraries(base).ifPresent(libs -> builder.environment().put("LD_LIBRARY_PATH", libs.toString()));
        return builder;
    }

    /** Writes the SQL the server runs as it starts (0600): only {@code credentials}' user may log in. */
    void writeInitFile(DbCredentials credentials) {
        String user = "'" + credentials.user() + "'@'127.0.0.1'";
        String sql = "DELETE FROM mysql.global_priv WHERE User NOT IN ('mariadb.sys', '" + credentials.user() + "');\n"
                + "FLUSH PRIVILEGES;\n"
                + "CREATE OR REPLACE USER " + user + " IDENTIFIED BY '" + credentials.password() + "';\n"
                + "GRANT ALL PRIVILEGES ON *.* TO " + user + " WITH GRANT OPTION;\n";
        try {
            Files.deleteIfExists(initFile());
            Files.createFile(initFile(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(initFile(), sql);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + initFile(), e);
        }
    }

    void deleteInitFile() {
        try {
            Files.deleteIfExists(initFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + initFile(), e);
        }
    }

    private static void ownerOnlyFolder(Path folder) {
        try {
            Files.createDirectories(folder);
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString(OWNER_ONLY));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + folder, e);
        }
    }
}
