package com.coze.timer.bootstrap;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Where the tests that run node find the npm packages they need: installed globally, as .ci/run does. */
final class NodeModules {

    private NodeModules() {
    }

    /** {@code npm root -g}: where global npm packages live, if node and npm are installed. */
    static Optional<Path> globalRoot() {
        try {
            Process npm = new ProcessBuilder("npm", "root", "-g").redirectErrorStream(true).start();
            List<String> lines = new String(npm.getInputStream().readAllBytes()).lines().toList();
            return npm.waitFor(30, TimeUnit.SECONDS) && npm.exitValue() == 0 && !lines.isEmpty()
                    ? Optional.of(Path.of(lines.getLast().trim())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
