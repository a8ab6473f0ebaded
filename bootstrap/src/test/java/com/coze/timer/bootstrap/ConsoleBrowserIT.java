package com.coze.timer.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The operator console in a real headless Chromium: {@code src/test/browser/console-e2e.cjs}, driven
 * by the npm package {@code playwright-core}, against the packaged service. It signs in, finds a task
 * by name, pauses it (nothing fires), resumes it, runs it now (the new execution appears), cancels it,
 * keeps the browser console clean, and writes the screenshots in {@code docs/}. Where Debian's
 * {@code chromium}, {@code node} or {@code playwright-core} is missing (.ci/run installs them) the test
 * is skipped with one line saying which.
 */
class ConsoleBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path SCRIPT = Path.of("src", "test", "browser", "console-e2e.cjs").toAbsolutePath();
    private static final Path DOCS = Path.of("..", "docs").toAbsolutePath().normalize();
    private static final long TIMEOUT_SECONDS = 150;

    @Test
    void anOperatorSignsInFindsATaskAndPausesResumesRunsAndCancelsIt() throws Exception {
        Optional<Path> modules = NodeModules.globalRoot();
        Optional<Path> playwright = modules.map(root -> root.resolve("playwright-core")).filter(Files::isDirectory);
        String missing = !Files.isExecutable(CHROMIUM) ? CHROMIUM + " (apt-get install chromium)"
                : modules.isEmpty() ? "node and npm"
                : playwright.isEmpty() ? "the npm package playwright-core (npm install -g playwright-core)" : null;
        if (missing != null) {
            System.out.println("ConsoleBrowserIT skipped: no " + missing + "; .ci/run installs what it needs");
        }
        Assumptions.assumeTrue(missing == null, () -> "no " + missing);

        Path dataDir = RunningService.freshDataDir("console");
        Map<String, String> env = Map.of("TIMER_DATA_DIR", dataDir.toString(), "SERVER_HOST", "127.0.0.1",
                "TIMER_ALLOW_PRIVATE_TARGETS", "true");
        try (TimerProcess service = TimerProcess.start("console", env, dataDir)) {
            String token = Files.readAllLines(dataDir.resolve(DataFolder.ADMIN_TOKEN_FILE)).getFirst().trim();
            Path log = dataDir.resolve("console-e2e.log");
            ProcessBuilder node = new ProcessBuilder("node", SCRIPT.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
            node.environment().putAll(Map.of("TIMER_URL", service.baseUrl(), "TIMER_TOKEN", token, "SHOTS_DIR", DOCS.toString(),
                    "NODE_PATH", playwright.get().getParent().toString(), "CHROMIUM", CHROMIUM.toString()));
            Process run = node.start();
            boolean finished = run.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!finished) {
                run.destroyForcibly().waitFor();
            }
            String output = Files.readString(log);
            System.out.println(output);
            assertThat(finished).as("the browser test finished within " + TIMEOUT_SECONDS + " s:\n" + output).isTrue();
            assertThat(run.exitValue()).as(output).isZero();
            assertThat(output).contains("[console-e2e] PASSED").doesNotContain(token);
            // a first start may print the token once on standard output; no request ever logs it
            assertThat(Files.readString(dataDir.resolve("console.log")).split(Pattern.quote(token), -1).length - 1)
                    .as("the token in the service's output").isLessThanOrEqualTo(1);
        }
    }
}
