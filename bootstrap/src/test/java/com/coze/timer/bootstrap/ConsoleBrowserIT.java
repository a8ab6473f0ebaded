package com.coze.timer.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
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

    private static final Path DOCS = Path.of("..", "docs").toAbsolutePath().normalize();
    private static final long TIMEOUT_SECONDS = 150;

    @Test
    void anOperatorSignsInFindsATaskAndPausesResumesRunsAndCancelsIt() throws Exception {
        BrowserScript script = BrowserScript.requireBrowser("ConsoleBrowserIT", "console-e2e.cjs");
        Path dataDir = RunningService.freshDataDir("console");
        Map<String, String> env = Map.of("TIMER_DATA_DIR", dataDir.toString(), "SERVER_HOST", "127.0.0.1",
                "TIMER_ALLOW_PRIVATE_TARGETS", "true");
        try (TimerProcess service = TimerProcess.start("console", env, dataDir)) {
            String token = Files.readAllLines(dataDir.resolve(DataFolder.ADMIN_TOKEN_FILE)).getFirst().trim();
            String output = script.run(Map.of("TIMER_URL", service.baseUrl(), "TIMER_TOKEN", token, "SHOTS_DIR", DOCS.toString()),
                    dataDir.resolve("console-e2e.log"), TIMEOUT_SECONDS);
            assertThat(output).contains("[console-e2e] PASSED").doesNotContain(token);
            // a first start may print the token once on standard output; no request ever logs it
            assertThat(Files.readString(dataDir.resolve("console.log")).split(Pattern.quote(token), -1).length - 1)
                    .as("the token in the service's output").isLessThanOrEqualTo(1);
        }
    }
}
