package com.coze.timer.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.coze.timer.bootstrap.CallbackReceiver.Answer;
import com.coze.timer.bootstrap.CallbackReceiver.Received;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of the packaged jar after a fire's failed outcome was stored and while its failure
 * callback was being sent (claimed from the outbox, not yet confirmed): the next start sends that
 * failure callback again, with the same id, and there is still exactly one dead letter.
 */
class FailureCallbackCrashIT {

    private final CallbackReceiver receiver = new CallbackReceiver();

    @AfterEach
    void closeReceiver() {
        receiver.close();
    }

    @Test
    void aFailureCallbackInFlightAtAKill9IsSentAgainWithItsIdAfterTheRestart() throws Exception {
        // The fire fails at once; the first failure callback hangs until the kill, its repetition is answered.
        receiver.answerWith(r -> switch (r.path()) {
            case "/fail" -> new Answer(400, "{\"error\": \"bad\"}", Duration.ZERO);
            default -> receiver.receivedAt("/failure").size() == 1 ? new Answer(200, "{}", Duration.ofSeconds(60)) : Answer.ok("{}");
        });
        Path dataDir = RunningService.freshDataDir("failure-kill9");
        Map<String, String> env = Map.of("TIMER_DATA_DIR", dataDir.toString(), "SERVER_HOST", "127.0.0.1",
                "TIMER_ALLOW_PRIVATE_TARGETS", "true", "TIMER_FAILURE_CALLBACKS_LEASE", "3000");
        String task;
        try (TimerProcess first = TimerProcess.start("first", env, dataDir)) {
            var created = new ApiClient(first.baseUrl()).call("POST", "/api/v1/tasks", adminToken(dataDir),
                    "{\"user_id\": 1, \"type\": \"once\", \"http_endpoint\": \"" + receiver.url("/fail")
                            + "\", \"failure_callback_url\": \"" + receiver.url("/failure") + "\"}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            task = created.json().getString("task_id");
            receiver.await(Duration.ofSeconds(15), all -> !receiver.receivedAt("/failure").isEmpty(), "the failure callback in flight");
            first.kill();
        }

        try (TimerProcess again = TimerProcess.start("again", env, dataDir)) {
            receiver.await(Duration.ofSeconds(20), all -> receiver.receivedAt("/failure").size() >= 2, "the failure callback sent again");
            TimerProcess.sleep(4_000); // past another lease: nothing more is sent
            List<Received> notices = receiver.receivedAt("/failure");
            assertThat(notices).extracting(Received::executionId).as("sent again with its id")
                    .containsExactly(notices.getFirst().executionId(), notices.getFirst().executionId());
            assertThat(notices.get(1).body()).isEqualTo(notices.getFirst().body()).contains(task);
            assertThat(receiver.receivedAt("/fail")).as("the fire itself, once").hasSize(1);
            var deadLetters = new ApiClient(again.baseUrl()).call("GET", "/api/v1/users/1/dead-letters", adminToken(dataDir), null);
            assertThat(deadLetters.json().getJsonArray("dead_letters")).hasSize(1);
        }
    }

    private static String adminToken(Path dataDir) throws Exception {
        return Files.readAllLines(dataDir.resolve(DataFolder.ADMIN_TOKEN_FILE)).getFirst().trim();
    }
}
