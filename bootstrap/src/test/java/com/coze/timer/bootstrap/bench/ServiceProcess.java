package com.coze.timer.bootstrap.bench;

import com.coze.timer.bootstrap.MissedFireTrace;
import com.coze.timer.persistence.DbCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The service under test, run as {@code java -jar coze-timer.jar} in its own process, in embedded
 * mode on a fresh data folder, serving on a free loopback port. Started with the benchmark's own
 * {@code java}. {@link #close()} sends SIGTERM (the service stops in order), waits, and only if it
 * hangs kills it and its embedded MariaDB.
 */
final class ServiceProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Process process;
    private final Path dataDir;
    private final int port;
    private final String token;
    private final int dbPort;

    private ServiceProcess(Process process, Path dataDir, int port, String token, int dbPort) {
        this.process = process;
        this.dataDir = dataDir;
        this.port = port;
        this.token = token;
        this.dbPort = dbPort;
    }

    static ServiceProcess start(Path jar, Path dataDir, List<String> jvmOptions, Map<String, String> extraEnv) {
        deleteRecursively(dataDir);
        createDirectories(dataDir);
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dataDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("service.log").toFile());
        Map<String, String> env = builder.environment();
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("SERVER_HOST", "127.0.0.1");
        env.put("TIMER_MODE", "embedded");
        env.put("TIMER_DATA_DIR", dataDir.toAbsolutePath().toString());
        env.put("TIMER_ALLOW_PRIVATE_TARGETS", "true");
        env.put("TIMER_HTTP_RATE_DEFAULT", "1000000");
        env.put("TIMER_TASKS_MAX_ACTIVE", "1000000");
        env.putAll(extraEnv);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        // Interrupting the benchmark (Ctrl-C) must not leave the service and its database running.
        Thread stopper = new Thread(() -> stop(process), "stop-service-" + process.pid());
        Runtime.getRuntime().addShutdownHook(stopper);
        process.onExit().thenRun(() -> {
            try {
                Runtime.getRuntime().removeShutdownHook(stopper);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook runs, and finds the service gone
            }
        });
        try {
            awaitHealthy(process, port, dataDir);
            String token = Files.readString(dataDir.resolve("admin-token")).trim();
            int dbPort = Integer.parseInt(Files.readString(dataDir.resolve("mariadb/port")).trim());
            return new ServiceProcess(process, dataDir, port, token, dbPort);
        } catch (IOException | RuntimeException e) {
            stop(process);
            throw new IllegalStateException("the service did not start; see " + dataDir.resolve("service.log"), e);
        }
    }

    int port() {
        return port;
    }

    String token() {
        return token;
    }

    long pid() {
        return process.pid();
    }

    Path dataDir() {
        return dataDir;
    }

    /** The service's JVM and its descendants (the embedded mariadbd). */
    List<ProcessHandle> processes() {
        List<ProcessHandle> all = new ArrayList<>();
        all.add(process.toHandle());
        process.descendants().forEach(all::add);
        return all;
    }

    /** The embedded MariaDB's process, if it can be found. */
    List<ProcessHandle> database() {
        return process.descendants().filter(p -> p.info().command().orElse("").contains("mariadbd")).toList();
    }

    /** The highest {@code task_logs.log_id} so far (0 if none): execution rows are numbered as written. */
    long maxLogId() {
        return queryLong("SELECT COALESCE(MAX(log_id), 0) FROM task_logs");
    }

    /** Execution rows with {@code from < log_id <= to}, and among them those that did not succeed. */
    long[] logsBetween(long from, long to) {
        return new long[] {
            queryLong("SELECT COUNT(*) FROM task_logs WHERE log_id > " + from + " AND log_id <= " + to),
            queryLong("SELECT COUNT(*) FROM task_logs WHERE log_id > " + from + " AND log_id <= " + to + " AND outcome <> 'success'")
        };
    }

    /** What storage says of occurrences that never arrived ({@code taskId@scheduledTime}). */
    List<String> trace(List<String> missing) {
        DbCredentials login = login();
        return MissedFireTrace.of(dbUrl(), login.user(), login.password(), missing);
    }

    private String dbUrl() {
        return "jdbc:mysql://127.0.0.1:" + dbPort + "/coze_timer";
    }

    private DbCredentials login() {
        return DbCredentials.read(dataDir).orElseThrow(() -> new IllegalStateException("no db-credentials in " + dataDir));
    }

    private long queryLong(String sql) {
        DbCredentials login = login();
        try (Connection connection = DriverManager.getConnection(dbUrl(), login.user(), login.password());
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("query on the embedded database failed: " + sql, e);
        }
    }

    @Override
    public void close() {
        stop(process);
    }

    private static void stop(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy(); // SIGTERM: the service hands back its fires and stops MariaDB itself
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        for (ProcessHandle child : descendants) {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
    }

    private static void awaitHealthy(Process process, int port, Path dataDir) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/health"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue());
            }
            try {
                if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200
                        && Files.exists(dataDir.resolve("admin-token")) && Files.exists(dataDir.resolve("mariadb/port"))) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            sleep(200);
        }
        throw new IllegalStateException("not healthy after " + START_TIMEOUT.toSeconds() + " s");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty " + dir, e);
        }
    }
}
