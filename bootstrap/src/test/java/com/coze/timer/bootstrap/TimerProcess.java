package com.coze.timer.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One Coze Timer instance run as a separate process from the built jar, as an operator would run it. */
final class TimerProcess implements AutoCloseable {

    private static final Path JAR = Path.of("target", "coze-timer.jar").toAbsolutePath();
    private static final String JAVA = ProcessHandle.current().info().command().orElse("java");

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;

    private TimerProcess(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code java -jar coze-timer.jar [args]} with {@code environment}, its output in {@code log}. */
    static Process run(Map<String, String> environment, Path log, String... args) {
        ProcessBuilder builder = new ProcessBuilder(command(JAVA, args)).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        try {
            Files.createDirectories(log.getParent());
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code java -jar coze-timer.jar [args]}, with {@code java} the given launcher (this JVM's by default). */
    static List<String> command(String java, String... args) {
        List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:+UseSerialGC", "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return command;
    }

    static String java() {
        return JAVA;
    }

    static Path jar() {
        return JAR;
    }

    /** {@code <name>.log}, or for a restart {@code <name>-2.log} and so on: an earlier run's log is kept to read. */
    private static Path freshLog(Path logs, String name) {
        Path log = logs.resolve(name + ".log");
        for (int run = 2; Files.exists(log); run++) {
            log = logs.resolve(name + "-" + run + ".log");
        }
        return log;
    }

    static TimerProcess start(String name, Map<String, String> environment, Path logs) {
        int port = ClusterServers.freePort();
        Map<String, String> env = new java.util.HashMap<>(environment);
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("TIMER_MEMBER_ID", name);
        Path log = freshLog(logs, name);
        TimerProcess instance = new TimerProcess(name, port, run(env, log), log);
        try {
            instance.awaitHealthy(Duration.ofSeconds(180));
            return instance;
        } catch (RuntimeException e) {
            instance.kill(); // a process that did not come up must not outlive the test
            throw e;
        }
    }

    String name() {
        return name;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    private void awaitHealthy(Duration timeout) {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue());
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/observe/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            sleep(200);
        }
        throw new IllegalStateException(name + " did not become healthy within " + timeout);
    }

    /** What the process wrote so far. */
    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends the signal {@code name} ({@code STOP}, {@code CONT}, ...) with {@code kill}. */
    void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The process, for tests that look at its children. */
    ProcessHandle handle() {
        return process.toHandle();
    }

    /** {@code kill -9}: no shutdown of any kind. */
    void kill() {
        process.destroyForcibly();
        waitFor();
    }

    /** SIGTERM, and the exit code. */
    int stop() {
        process.destroy();
        return waitFor();
    }

    private int waitFor() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
    }
}
