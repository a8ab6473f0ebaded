package com.coze.timer.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A script of {@code src/test/browser} run by node in Debian's headless Chromium through the npm
 * package {@code playwright-core}. Where {@code chromium}, {@code node} or {@code playwright-core} is
 * missing (.ci/run installs them) the calling test is skipped with one line saying which.
 */
final class BrowserScript {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private final Path script;
    private final Path playwright;

    private BrowserScript(Path script, Path playwright) {
        this.script = script;
        this.playwright = playwright;
    }

    /** The script {@code src/test/browser/<name>}; skips the test (one line on standard output) where no browser can run it. */
    static BrowserScript requireBrowser(String test, String name) {
        Optional<Path> modules = NodeModules.globalRoot();
        Optional<Path> playwright = modules.map(root -> root.resolve("playwright-core")).filter(Files::isDirectory);
        String missing = !Files.isExecutable(CHROMIUM) ? CHROMIUM + " (apt-get install chromium)"
                : modules.isEmpty() ? "node and npm"
                : playwright.isEmpty() ? "the npm package playwright-core (npm install -g playwright-core)" : null;
        if (missing != null) {
            System.out.println(test + " skipped: no " + missing + "; .ci/run installs what it needs");
        }
        Assumptions.assumeTrue(missing == null, () -> "no " + missing);
        return new BrowserScript(Path.of("src", "test", "browser", name).toAbsolutePath(), playwright.get());
    }

    /**
     * Runs the script with {@code environment} (plus where Chromium and playwright-core are), its
     * output in {@code log}, and asserts it finished within {@code timeoutSeconds} and said
     * {@code [<tag>] PASSED}. Returns its output.
     */
    String run(Map<String, String> environment, Path log, long timeoutSeconds) throws IOException, InterruptedException {
        ProcessBuilder node = new ProcessBuilder("node", script.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = new HashMap<>(environment);
        env.put("NODE_PATH", playwright.getParent().toString());
        env.put("CHROMIUM", CHROMIUM.toString());
        node.environment().putAll(env);
        Process run = node.start();
        boolean finished = run.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!finished) {
            run.destroyForcibly().waitFor();
        }
        String output = Files.readString(log);
        System.out.println(output);
        assertThat(finished).as("the browser test finished within " + timeoutSeconds + " s:\n" + output).isTrue();
        assertThat(run.exitValue()).as(output).isZero();
        assertThat(output).contains("PASSED");
        return output;
    }
}
