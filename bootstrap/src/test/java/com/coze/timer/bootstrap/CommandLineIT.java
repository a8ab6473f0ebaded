package com.coze.timer.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The jar as a newcomer meets it, run as a separate process: what it prints on standard output
 * and standard error, apart, for a start, a second start on the same folder, a command beside the
 * running service, a bad setting, an unreachable cluster database, {@code --version}, and an old
 * Java runtime.
 */
class CommandLineIT {

    private static final Path ROOT = Path.of("target", "command-line-it").toAbsolutePath();
    private static final Path OLD_JAVA = Path.of("/usr/lib/jvm/java-17-openjdk-amd64/bin/java");

    /** What a finished process said, stdout and stderr apart. */
    record Said(int exit, List<String> out, List<String> err) {
    }

    @Test
    void versionPrintsTheVersionAloneOnStandardOutput() throws Exception {
        Said said = run(TimerProcess.java(), Map.of(), Duration.ofSeconds(60), "--version");
        assertThat(said.exit()).isZero();
        assertThat(said.out()).containsExactly("coze-timer " + Version.current());
        assertThat(said.err()).isEmpty();
        assertThat(Version.current()).matches("\\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void anOldJavaRuntimeIsToldWhichJdkIsNeeded() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(OLD_JAVA), "no Java 17 runtime at " + OLD_JAVA);
        Said said = run(OLD_JAVA.toString(), Map.of(), Duration.ofSeconds(60), "--version");
        assertThat(said.exit()).isEqualTo(1);
        assertThat(said.out()).isEmpty();
        assertThat(said.err()).singleElement().asString().startsWith("coze-timer: Coze Timer needs JDK 21 or newer (this is 17).");
    }

    @Test
    void aBadSettingStopsTheStartAtOnceNamingTheVariableTheValueAndWhatIsAllowed() throws Exception {
        Path data = ROOT.resolve("bad-setting");
        Said said = run(TimerProcess.java(), Map.of("SERVER_PORT", "abc", "TIMER_DATA_DIR", data.toString()), Duration.ofSeconds(60));
        assertThat(said.exit()).isEqualTo(2);
        assertThat(said.err()).containsExactly("coze-timer: SERVER_PORT (server.port) is 'abc'; allowed: an integer from 0 to 65535");
        assertThat(data).as("nothing started").doesNotExist();
    }

    @Test
    void aStartSaysOneLinePerComponentAndASecondStartOrACommandBesideItSayOnlyWhatTheyMust() throws Exception {
        Path data = ROOT.resolve("quiet-" + System.nanoTime());
        Path out = ROOT.resolve(data.getFileName() + ".out");
        Path err = ROOT.resolve(data.getFileName() + ".err");
        Path archive = ROOT.resolve(data.getFileName() + ".jsa");
        Map<String, String> env = Map.of("TIMER_DATA_DIR", data.toString());
        Map<String, String> serviceEnv = new HashMap<>(env);
        serviceEnv.put("SERVER_PORT", Integer.toString(ClusterServers.freePort()));
        // As the README starts it: with a class-data archive, which the JVM writes when it stops.
        Process service = start(serviceEnv, out, err, "-XX:SharedArchiveFile=" + archive, "-XX:+AutoCreateSharedArchive");
        try {
            awaitLine(err, "listening on http://", service);
            assertThat(Files.readAllLines(out)).hasSize(1).first().asString().contains(data.resolve("admin-token").toString());
            List<String> log = Files.readAllLines(err);
            assertThat(log).as(String.join("\n", log)).hasSize(3).allSatisfy(line -> assertThat(line).contains(" INFO com.coze.timer."));
            assertThat(log.get(0)).contains("embedded MariaDB on 127.0.0.1:");
            assertThat(log.get(1)).contains("schema migrations: ");
            assertThat(log.get(2)).contains("Coze Timer " + Version.current() + " (embedded mode) listening on http://");

            Map<String, String> secondEnv = new HashMap<>(env);
            secondEnv.put("SERVER_PORT", Integer.toString(ClusterServers.freePort()));
            Said second = run(TimerProcess.java(), secondEnv, Duration.ofSeconds(60));
            assertThat(second.exit()).isEqualTo(1);
            assertThat(second.out()).isEmpty();
            assertThat(second.err()).containsExactly("coze-timer: could not start: another Coze Timer is running on the data folder "
                    + data + "; stop it, or give this one its own TIMER_DATA_DIR");

            assertThat(probe(serviceEnv.get("SERVER_PORT")).exit()).as("the container health check").isZero();
            Said down = probe(Integer.toString(ClusterServers.freePort()));
            assertThat(down.exit()).isEqualTo(1);
            assertThat(down.err()).singleElement().asString().contains("/observe/health/ready");

            Said token = run(TimerProcess.java(), env, Duration.ofSeconds(60), "token", "create", "--user", "7");
            assertThat(token.exit()).isZero();
            assertThat(token.out()).singleElement().asString().startsWith("ctk_");
            assertThat(token.err()).isEmpty();
        } finally {
            service.destroy();
            service.waitFor(60, TimeUnit.SECONDS);
        }
        assertThat(archive).as("the class-data archive, written when the service stopped").isRegularFile();
        // -Xshare:on refuses to start unless it maps the archive: it must fit this jar and its libs.
        Said mapped = finish(new ProcessBuilder(withJvmOptions(TimerProcess.command(TimerProcess.java(), "--version"),
                "-Xshare:on", "-XX:SharedArchiveFile=" + archive)), Duration.ofSeconds(60));
        assertThat(mapped.exit()).as(String.join("\n", mapped.out())).isZero();
        assertThat(mapped.out()).containsExactly("coze-timer " + Version.current());
    }

    @Test
    void anUnreachableClusterDatabaseIsOneWarningPerAttemptWithoutTraces() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("TIMER_MODE", "cluster");
        env.put("TIMER_DB_URL", "jdbc:mysql://127.0.0.1:" + ClusterServers.freePort() + "/coze_timer");
        env.put("TIMER_REDIS_URL", "redis://127.0.0.1:" + ClusterServers.freePort());
        env.put("TIMER_ZK_CONNECT", "127.0.0.1:" + ClusterServers.freePort());
        env.put("TIMER_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(new byte[32]));
        env.put("TIMER_DATA_DIR", ROOT.resolve("cluster-unused").toString());
        Path out = ROOT.resolve("unreachable.out");
        Path err = ROOT.resolve("unreachable.err");
        Process instance = start(env, out, err);
        try {
            awaitLine(err, "retrying in 2 s", instance);
        } finally {
            instance.destroy();
            instance.waitFor(60, TimeUnit.SECONDS);
        }
        List<String> attempts = Files.readAllLines(err).stream().filter(line -> line.contains("retrying in")).toList();
        assertThat(attempts).hasSizeGreaterThanOrEqualTo(2).allSatisfy(line -> assertThat(line)
                .contains("WARNING com.coze.timer.bootstrap.Storage: cannot reach the database at jdbc:mysql://127.0.0.1:")
                .contains("check that it runs, and TIMER_DB_URL"));
        assertThat(Files.readAllLines(err)).as("no stack trace, no SEVERE").noneMatch(line -> line.startsWith("\tat ")
                || line.contains("SEVERE") || line.contains("Exception"));
    }

    /** The Dockerfile's HEALTHCHECK: {@code java -cp coze-timer.jar com.coze.timer.bootstrap.HealthProbe}. */
    private static Said probe(String port) throws Exception {
        List<String> command = List.of(TimerProcess.java(), "-cp", TimerProcess.jar().toString(), "com.coze.timer.bootstrap.HealthProbe");
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("SERVER_PORT", port);
        return finish(builder, Duration.ofSeconds(30));
    }

    private static Process start(Map<String, String> env, Path out, Path err, String... jvmOptions) throws IOException {
        Files.createDirectories(ROOT);
        ProcessBuilder builder = new ProcessBuilder(withJvmOptions(TimerProcess.command(TimerProcess.java()), jvmOptions))
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(env);
        return builder.start();
    }

    /** {@code command} (a {@code java} command line) with {@code options} right after {@code java}. */
    private static List<String> withJvmOptions(List<String> command, String... options) {
        List<String> withOptions = new ArrayList<>(command);
        withOptions.addAll(1, List.of(options));
        return withOptions;
    }

    private static Said run(String java, Map<String, String> env, Duration timeout, String... args) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(TimerProcess.command(java, args));
        builder.environment().putAll(env);
        return finish(builder, timeout);
    }

    private static Said finish(ProcessBuilder builder, Duration timeout) throws Exception {
        Files.createDirectories(ROOT);
        Path out = Files.createTempFile(ROOT, "out", ".txt");
        Path err = Files.createTempFile(ROOT, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("still running after " + timeout + ": " + Files.readString(err));
        }
        return new Said(process.exitValue(), Files.readAllLines(out, StandardCharsets.UTF_8), Files.readAllLines(err, StandardCharsets.UTF_8));
    }

    private static void awaitLine(Path file, String text, Process process) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!Files.readString(file).contains(text)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("never said '" + text + "': " + Files.readString(file));
            }
            TimerProcess.sleep(100);
        }
    }
}
