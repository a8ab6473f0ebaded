package com.coze.timer.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.coze.timer.bootstrap.ApiClient.Response;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The embedded service as a user meets it: it listens on loopback unless told otherwise, keeps the
 * first admin token out of the console, and its token commands list, expire and revoke tokens
 * (a revoked token refused by the running service within a second).
 */
class SecureDefaultsIT {

    private static Path dataDir;
    private static RunningService service;
    private static String console;

    @BeforeAll
    static void start() throws IOException {
        dataDir = RunningService.freshDataDir("defaults");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.out;
        System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            service = RunningService.start(dataDir, Map.of("server.host", ""));
        } finally {
            System.setOut(original);
        }
        console = out.toString(java.nio.charset.StandardCharsets.UTF_8);
        System.out.print(console);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void theFirstAdminTokenIsWrittenToItsFileAndOnlyItsPathIsPrinted() {
        String token = service.adminToken();

        assertThat(console).contains(dataDir.resolve(DataFolder.ADMIN_TOKEN_FILE).toString()).doesNotContain(token)
                .doesNotContain(token.substring(4, 20));
    }

    @Test
    void withoutServerHostTheEmbeddedServiceListensOnLoopbackOnly() throws IOException {
        Optional<InetAddress> external = externalAddress();
        assumeThat(external).as("this machine has a non-loopback IPv4 address").isPresent();
        int port = service.port();
        try (Socket loopback = new Socket()) {
            loopback.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
        }
        try (Socket outside = new Socket()) {
            outside.connect(new InetSocketAddress(external.get(), port), 2_000);
            throw new AssertionError("the service answered on " + external.get() + ":" + port);
        } catch (IOException refused) {
            System.out.println("connecting on " + external.get().getHostAddress() + ":" + port + ": " + refused.getMessage());
        }
    }

    @Test
    void everyAnswerSaysNosniff() {
        assertThat(service.header("/observe/health", "X-Content-Type-Options")).contains("nosniff");
        assertThat(service.header("/api/v1/tasks/nope", "X-Content-Type-Options")).contains("nosniff");
    }

    @Test
    void tokensAreCreatedWithAnExpiryListedWithoutSecretAndRevokedEverywhereWithinASecond() throws Exception {
        String created = cli("token", "create", "--user", "77", "--label", "ci-deploy", "--expires-in", "30d");
        List<String> lines = created.lines().filter(l -> !l.isBlank()).toList();
        String token = lines.getLast().trim();
        assertThat(token).as(created).startsWith("ctk_");
        assertThat(lines).as("token create prints the token alone").hasSize(1);
        assertThat(service.get("/api/v1/users/77/tasks", token).status()).isEqualTo(200);

        String listed = cli("token", "list");
        assertThat(listed).contains("ID", "LAST USED", "EXPIRES", "ci-deploy").doesNotContain(token).doesNotContain(token.substring(4));
        Matcher row = Pattern.compile("(?m)^(\\d+)\\s+77\\s+no\\s+ci-deploy\\s").matcher(listed);
        assertThat(row.find()).as(listed).isTrue();

        Response viaApi = service.get("/api/v1/tokens?user_id=77", service.adminToken());
        assertThat(viaApi.json().getJsonArray("tokens").getJsonObject(0).getString("expires_at")).isNotBlank();

        String revoked = cli("token", "revoke", row.group(1));
        long revokedAt = System.nanoTime();
        assertThat(revoked).contains("revoked");
        int status = 200;
        while (status == 200 && System.nanoTime() - revokedAt < TimeUnit.SECONDS.toNanos(1)) {
            status = service.get("/api/v1/users/77/tasks", token).status();
        }
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - revokedAt);
        System.out.println("a revoked token was refused " + tookMs + " ms after token revoke returned");
        assertThat(service.get("/api/v1/users/77/tasks", token).status()).isEqualTo(401);
        assertThat(cli("token", "revoke", "999999")).contains("no token 999999");
    }

    private static String cli(String... args) throws Exception {
        Path log = dataDir.resolveSibling(dataDir.getFileName() + "-cli-" + System.nanoTime() + ".log");
        Process process = TimerProcess.run(Map.of("TIMER_DATA_DIR", dataDir.toString()), log, args);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return Files.readString(log);
    }

    private static Optional<InetAddress> externalAddress() throws SocketException {
        for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
            if (nic.isUp() && !nic.isLoopback()) {
                Optional<InetAddress> v4 = nic.inetAddresses().filter(a -> a instanceof Inet4Address).findFirst();
                if (v4.isPresent()) {
                    return v4;
                }
            }
        }
        return Optional.empty();
    }
}
