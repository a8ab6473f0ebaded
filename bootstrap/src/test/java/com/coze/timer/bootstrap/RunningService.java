package com.coze.timer.bootstrap;

import com.coze.timer.bootstrap.ApiClient.Response;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A real Coze Timer started in this JVM for a test: embedded MariaDB in a data folder under
 * {@code target/}, any free port, callbacks to loopback allowed. Talks to it over HTTP like any client.
 */
final class RunningService implements AutoCloseable {

    private final Path dataDir;
    private final TimerService service;

    private RunningService(Path dataDir, TimerService service) {
        this.dataDir = dataDir;
        this.service = service;
    }

    static Path freshDataDir(String name) {
        return Path.of("target", "it-data", name + "-" + UUID.randomUUID()).toAbsolutePath();
    }

    /** Starts a service on {@code dataDir} with the test defaults, overridden by {@code settings}. */
    static RunningService start(Path dataDir, Map<String, String> settings) {
        Map<String, String> values = new HashMap<>();
        values.put("server.port", "0");
        values.put("server.host", "127.0.0.1");
        values.put("timer.data.dir", dataDir.toString());
        values.put("timer.allow.private.targets", "true");
        values.put("timer.http.backoff", "200");
        values.put("timer.engine.grace", "2000");
        values.putAll(settings);
        Config config = Config.builder()
                .addSource(ConfigSources.create(values))
                .addSource(ConfigSources.classpath("application.yaml"))
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .build();
        return new RunningService(dataDir, TimerService.start(config));
    }

    Path dataDir() {
        return dataDir;
    }

    String adminToken() {
        try {
            return Files.readString(dataDir.resolve(DataFolder.ADMIN_TOKEN_FILE)).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Response call(String method, String path, String token, String json) {
        return new ApiClient("http://127.0.0.1:" + service.port()).call(method, path, token, json);
    }

    /** The value of a response header of a GET without a token, if the answer had it. */
    Optional<String> header(String path, String name) {
        try {
            java.net.http.HttpResponse<Void> response = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + service.port() + path)).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
            return response.headers().firstValue(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    int port() {
        return service.port();
    }

    Response post(String path, String token, String json) {
        return call("POST", path, token, json);
    }

    Response get(String path, String token) {
        return call("GET", path, token, null);
    }

    @Override
    public void close() {
        service.close();
    }
}
