package com.coze.timer.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The console's overview in cluster mode, in a real headless Chromium ({@code src/test/browser/console-cluster.cjs}):
 * two instances started as separate processes on real MariaDB, ZooKeeper and Redis servers
 * ({@link ClusterServers}); signed in on one of them, the members table lists both instances with
 * the slots each fires (all the slots between them, this instance marked), and the browser console
 * stays clean. Skipped with one line where no browser is installed, as {@link ConsoleBrowserIT}.
 */
class ConsoleClusterBrowserIT {

    private static final Path ROOT = Path.of("target", "console-cluster-it", UUID.randomUUID().toString()).toAbsolutePath();
    private static final List<String> MEMBERS = List.of("console-a", "console-b");
    private static final long TIMEOUT_SECONDS = 60;

    @Test
    void theOverviewListsEveryMemberAndTheSlotsItFires() throws Exception {
        BrowserScript script = BrowserScript.requireBrowser("ConsoleClusterBrowserIT", "console-cluster.cjs");
        try (ClusterServers servers = new ClusterServers(ROOT)) {
            Map<String, String> environment = ClusterIT.environment(servers, ROOT);
            // started side by side: each start is mostly the JVM's and the schema check's waiting
            List<CompletableFuture<TimerProcess>> starting = MEMBERS.stream()
                    .map(name -> CompletableFuture.supplyAsync(() -> TimerProcess.start(name, environment, ROOT.resolve("logs"))))
                    .toList();
            try {
                String url = starting.getFirst().join().baseUrl();
                starting.forEach(CompletableFuture::join);
                String token = ClusterIT.adminToken(environment, ROOT);
                String output = script.run(Map.of("TIMER_URL", url, "TIMER_TOKEN", token, "TIMER_MEMBERS", String.join(",", MEMBERS)),
                        ROOT.resolve("logs").resolve("console-cluster.log"), TIMEOUT_SECONDS);
                assertThat(output).contains("[console-cluster] PASSED").doesNotContain(token);
            } finally {
                starting.forEach(start -> start.handle((instance, error) -> {
                    if (instance != null) {
                        instance.close();
                    }
                    return null;
                }).join());
            }
        }
    }
}
