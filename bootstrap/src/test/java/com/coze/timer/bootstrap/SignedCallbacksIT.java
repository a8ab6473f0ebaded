package com.coze.timer.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.coze.timer.bootstrap.CallbackReceiver.Received;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Callbacks of the real service verified by the official Standard Webhooks library, the npm package
 * {@code standardwebhooks} run by node ({@code src/test/node/verify-webhooks.cjs}): a task's
 * callbacks verify with the secret its create answered; after a rotation they verify with the new
 * secret and, during the overlap, with the old one; a tampered body verifies with neither. Where node
 * or the package is missing (.ci/run installs them) the test is skipped with one line saying which.
 */
class SignedCallbacksIT {

    private static final Path SCRIPT = Path.of("src", "test", "node", "verify-webhooks.cjs").toAbsolutePath();
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void callbacksVerifyWithTheTasksSecretAcrossARotationAndATamperedBodyDoesNot() throws Exception {
        Optional<Path> modules = NodeModules.globalRoot();
        String missing = modules.isEmpty() ? "node and npm"
                : !Files.isDirectory(modules.get().resolve("standardwebhooks"))
                ? "the npm package standardwebhooks (npm install -g standardwebhooks@1.1.1)" : null;
        if (missing != null) {
            System.out.println("SignedCallbacksIT skipped: no " + missing + "; .ci/run installs what it needs");
        }
        Assumptions.assumeTrue(missing == null, () -> "no " + missing);

        try (RunningService service = RunningService.start(RunningService.freshDataDir("signed"), Map.of());
             CallbackReceiver receiver = new CallbackReceiver()) {
            String token = service.adminToken();
            var created = service.post("/api/v1/tasks", token, "{\"user_id\": 1, \"type\": \"interval\", \"interval_seconds\": 1, "
                    + "\"http_endpoint\": \"" + receiver.url("/signed") + "\", \"body\": {\"text\": \"grüße\", \"n\": 1}}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            String id = created.json().getString("task_id");
            String first = created.json().getString("signing_secret");
            assertThat(service.get("/api/v1/tasks/" + id, token).body()).doesNotContain(first).doesNotContain("signing_secret");
            var plain = service.post("/api/v1/tasks", token, "{\"user_id\": 1, \"type\": \"once\", \"http_endpoint\": \""
                    + receiver.url("/plain") + "\", \"headers\": {\"Content-Type\": \"text/plain\"}, \"body\": \"a=1&b=two\"}");
            String plainSecret = plain.json().getString("signing_secret");
            receiver.await(WAIT, r -> !receiver.receivedAt("/signed").isEmpty() && !receiver.receivedAt("/plain").isEmpty(),
                    "a callback of each task");
            Received before = receiver.receivedAt("/signed").getFirst();
            Received text = receiver.receivedAt("/plain").getFirst();

            var rotated = service.post("/api/v1/tasks/" + id + "/signing-secret", token, "");
            assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
            String second = rotated.json().getString("signing_secret");
            int seen = receiver.receivedAt("/signed").size();
            receiver.await(WAIT, r -> receiver.receivedAt("/signed").size() > seen + 1, "callbacks after the rotation");
            Received after = receiver.receivedAt("/signed").getLast();
            service.call("DELETE", "/api/v1/tasks/" + id, token, null);

            assertThat(before.headers().get("webhook-id")).isEqualTo(before.executionId());
            assertThat(text.body()).isEqualTo("a=1&b=two");
            assertThat(after.headers().get("webhook-signature").split(" ")).hasSize(2);
            JsonArrayBuilder cases = Json.createArrayBuilder()
                    .add(verifyCase("before", first, before, before.body()))
                    .add(verifyCase("plain", plainSecret, text, text.body()))
                    .add(verifyCase("after-new", second, after, after.body()))
                    .add(verifyCase("after-old", first, after, after.body()))
                    .add(verifyCase("before-with-new", second, before, before.body()))
                    .add(verifyCase("tampered-new", second, after, after.body().replace("\"n\":1", "\"n\":2")))
                    .add(verifyCase("tampered-old", first, after, after.body().replace("grüße", "grüsse")));
            List<String> verdicts = runNode(service.dataDir(), modules.get(), cases);
            assertThat(verdicts).contains("before verified", "plain verified", "after-new verified", "after-old verified");
            assertThat(verdicts).anyMatch(line -> line.startsWith("before-with-new refused"))
                    .anyMatch(line -> line.startsWith("tampered-new refused"))
                    .anyMatch(line -> line.startsWith("tampered-old refused"));
        }
    }

    private static JsonObjectBuilder verifyCase(String name, String secret, Received callback, String payload) {
        JsonObjectBuilder headers = Json.createObjectBuilder();
        for (String header : List.of("webhook-id", "webhook-timestamp", "webhook-signature")) {
            headers.add(header, callback.headers().getOrDefault(header, ""));
        }
        return Json.createObjectBuilder().add("name", name).add("secret", secret).add("payload", payload).add("headers", headers);
    }

    private static List<String> runNode(Path dir, Path modules, JsonArrayBuilder cases) throws Exception {
        Path input = dir.resolve("webhook-cases.json");
        Files.writeString(input, cases.build().toString());
        Path log = dir.resolve("verify-webhooks.log");
        ProcessBuilder node = new ProcessBuilder("node", SCRIPT.toString(), input.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        node.environment().put("NODE_PATH", modules.toString());
        Process run = node.start();
        boolean finished = run.waitFor(60, TimeUnit.SECONDS);
        if (!finished) {
            run.destroyForcibly().waitFor();
        }
        String output = Files.readString(log);
        System.out.println(output);
        assertThat(finished && run.exitValue() == 0).as("node verified the cases:\n" + output).isTrue();
        return output.lines().toList();
    }
}
