package com.coze.timer.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.coze.timer.bootstrap.CallbackReceiver.Answer;
import com.coze.timer.bootstrap.CallbackReceiver.Received;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of the packaged jar in embedded mode, as the out-of-memory killer does it: its
 * MariaDB child outlives it and keeps the data files locked. The next start stops that server,
 * keeps the data, and repeats the fire that was in flight with the same execution id; meanwhile a
 * second service on the same data folder is refused with a message that says why.
 */
class CrashRecoveryIT {

    private final CallbackReceiver receiver = new CallbackReceiver();

    @AfterEach
    void closeReceiver() {
        receiver.close();
    }

    @Test
    void aRestartAfterKill9StopsTheDatabaseLeftRunningAndRepeatsTheFireInFlight() throws Exception {
        // The first call hangs until the kill; its repetition is answered at once.
        receiver.answerWith(r -> receiver.receivedAt("/in-flight").size() == 1
                ? new Answer(200, "{}", Duration.ofSeconds(60)) : Answer.ok("{}"));
        Path dataDir = RunningService.freshDataDir("kill9");
        Map<String, String> env = Map.of("TIMER_DATA_DIR", dataDir.toString(), "SERVER_HOST", "127.0.0.1",
                "TIMER_ALLOW_PRIVATE_TARGETS", "true");
        String task;
        try (TimerProcess first = TimerProcess.start("first", env, dataDir)) {
            ApiClient api = new ApiClient(first.baseUrl());
            var created = api.call("POST", "/api/v1/tasks", adminToken(dataDir),
                    "{\"user_id\": 1, \"type\": \"once\", \"http_endpoint\": \"" + receiver.url("/in-flight") + "\"}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            task = created.json().getString("task_id");
            receiver.await(Duration.ofSeconds(10), all -> !all.isEmpty(), "the call in flight");
            first.kill();
        }

        try (TimerProcess again = TimerProcess.start("again", env, dataDir)) {
            assertThat(Files.readString(dataDir.resolve("again.log"))).contains("stopped the embedded MariaDB that a previous run left running");
            receiver.await(Duration.ofSeconds(20), all -> all.size() >= 2, "the fire repeated");
            List<Received> calls = receiver.receivedAt("/in-flight");
            assertThat(calls).extracting(Received::executionId).as("repeated with its execution id")
                    .containsExactly(calls.getFirst().executionId(), calls.getFirst().executionId());
            assertThat(calls).extracting(Received::taskId).containsOnly(task);

            Map<String, String> secondEnv = new HashMap<>(env);
            secondEnv.put("SERVER_PORT", Integer.toString(ClusterServers.freePort()));
            Process second = TimerProcess.run(secondEnv, dataDir.resolve("second.log"));
            assertThat(second.waitFor(60, TimeUnit.SECONDS)).as("the second service gave up").isTrue();
            assertThat(second.exitValue()).isNotZero();
            assertThat(Files.readString(dataDir.resolve("second.log")))
                    .contains("another Coze Timer is running on the data folder " + dataDir);
        }
    }

    private static String adminToken(Path dataDir) throws Exception {
        return Files.readAllLines(dataDir.resolve(DataFolder.ADMIN_TOKEN_FILE)).getFirst().trim();
    }
}
