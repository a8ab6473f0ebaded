package com.coze.timer.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.coze.timer.bootstrap.CallbackReceiver.Received;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Cancel, PATCH, pause, resume and run of tasks, each sent through an instance that does not own
 * the task, judged on the receiver's clock against the moment the call answered: nothing with the
 * old settings arrives later than {@link #BOUND} after it. Figures (ms from the answer to the last
 * callback with the old settings; negative: before it) go to the report.
 */
final class ControlScenario {

    /** SPEC "Control": no callback leaves with the old settings later than this after the answer. */
    static final Duration BOUND = Duration.ofMillis(150);

    private final Map<String, TimerProcess> instances;
    private final CallbackReceiver receiver;
    private final ClusterServers servers;
    private final String token;
    private final List<String> figures = new ArrayList<>();

    ControlScenario(Map<String, TimerProcess> instances, CallbackReceiver receiver, ClusterServers servers, String token) {
        this.instances = instances;
        this.receiver = receiver;
        this.servers = servers;
        this.token = token;
    }

    List<String> figures() {
        return figures;
    }

    void cancelHoldsOnTheOwner() {
        String id = firingTask("/control/cancel");
        Instant answered = call(notOwner(id), "PUT", "/api/v1/tasks/" + id + "/cancel", null, 200);
        TimerProcess.sleep(2_500);
        figure("cancel", lastAfter(id, "/control/cancel", answered));
    }

    void patchHoldsOnTheOwner() {
        String id = firingTask("/control/old");
        Instant answered = call(notOwner(id), "PATCH", "/api/v1/tasks/" + id,
                "{\"http_endpoint\": \"" + receiver.url("/control/new") + "\"}", 200);
        TimerProcess.sleep(2_500);
        figure("PATCH", lastAfter(id, "/control/old", answered));
        assertThat(receiver.receivedAt("/control/new")).as("the new endpoint is called").isNotEmpty();
    }

    void pauseHoldsAndResumeFiresAgainWithinOneInterval() {
        String id = firingTask("/control/pause");
        Instant paused = call(notOwner(id), "PUT", "/api/v1/tasks/" + id + "/pause", null, 200);
        TimerProcess.sleep(2_500);
        figure("pause", lastAfter(id, "/control/pause", paused));
        int before = receiver.receivedAt("/control/pause").size();
        Instant resumed = call(notOwner(id), "PUT", "/api/v1/tasks/" + id + "/resume", null, 200);
        receiver.await(Duration.ofSeconds(5), all -> receiver.receivedAt("/control/pause").size() > before, "a fire after resume");
        Instant first = receiver.receivedAt("/control/pause").get(before).arrivedAt();
        figures.add("resume: first fire " + Duration.between(resumed, first).toMillis() + " ms after the answer");
        assertThat(Duration.between(resumed, first)).as("fires again within one interval").isLessThan(Duration.ofMillis(1_000).plus(BOUND));
    }

    void runFiresOnceWithItsOwnExecutionIdAndLeavesTheNextRunTime() {
        String id = create("/control/run", 10);
        awaitClaimed(id); // within the window before its first fire: now it has an owner
        ApiClient api = new ApiClient(notOwner(id).baseUrl());
        String nextBefore = api.call("GET", "/api/v1/tasks/" + id, token, null).json().getString("next_run_time");
        ApiClient.Response run = api.call("POST", "/api/v1/tasks/" + id + "/run", token, null);
        assertThat(run.status()).as(run.body()).isEqualTo(202);
        String executionId = run.json().getString("execution_id");
        receiver.await(Duration.ofSeconds(3), all -> all.stream().anyMatch(r -> executionId.equals(r.executionId())), "the run's call");
        String nextAfter = api.call("GET", "/api/v1/tasks/" + id, token, null).json().getString("next_run_time");
        assertThat(nextAfter).as("next_run_time does not move").isEqualTo(nextBefore);
        TimerProcess.sleep(500);
        assertThat(receiver.received().stream().filter(r -> executionId.equals(r.executionId()))).as("one call per run").hasSize(1);
        figures.add("run: one call with its own execution id, next_run_time kept at " + nextAfter);
    }

    /** A task every second at {@code path}, created through one instance, firing for a few seconds. */
    private String firingTask(String path) {
        String id = create(path, 1);
        receiver.await(Duration.ofSeconds(10), all -> receiver.receivedAt(path).size() >= 2, "the first fires at " + path);
        awaitClaimed(id);
        return id;
    }

    private String create(String path, int intervalSeconds) {
        ApiClient api = new ApiClient(instances.values().iterator().next().baseUrl());
        ApiClient.Response created = api.call("POST", "/api/v1/tasks", token, "{\"user_id\": 7, \"type\": \"interval\", \"http_endpoint\": \""
                + receiver.url(path) + "\", \"interval_seconds\": " + intervalSeconds + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().getString("task_id");
    }

    /** Sends the call and returns when its answer came (after checking its status). */
    private Instant call(TimerProcess through, String method, String path, String json, int status) {
        ApiClient.Response response = new ApiClient(through.baseUrl()).call(method, path, token, json);
        Instant answered = Instant.now();
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        return answered;
    }

    /** Ms from {@code answered} to the last callback of {@code id} at {@code path} (negative: all came before). */
    private long lastAfter(String id, String path, Instant answered) {
        Optional<Instant> last = receiver.receivedAt(path).stream().filter(r -> id.equals(r.taskId())).map(Received::arrivedAt)
                .max(Instant::compareTo);
        return last.map(at -> Duration.between(answered, at).toMillis()).orElse(Long.MIN_VALUE);
    }

    private void figure(String call, long lastMs) {
        figures.add(call + ": last callback with the old settings " + lastMs + " ms after the answer");
        assertThat(lastMs).as(call + " holds on the owner within " + BOUND.toMillis() + " ms").isLessThanOrEqualTo(BOUND.toMillis());
    }

    private TimerProcess notOwner(String id) {
        String owner = owner(id).orElseThrow(() -> new AssertionError("task " + id + " has no owner"));
        return instances.values().stream().filter(i -> !i.name().equals(owner)).findFirst().orElseThrow();
    }

    private void awaitClaimed(String id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (owner(id).isEmpty()) {
            assertThat(System.nanoTime()).as("task " + id + " claimed").isLessThan(deadline);
            TimerProcess.sleep(20);
        }
    }

    /** The instance holding the task's claimed fire, as storage records it. */
    private Optional<String> owner(String id) {
        try (Connection db = DriverManager.getConnection(servers.dbUrl(), servers.dbUser(), servers.dbPassword());
             PreparedStatement query = db.prepareStatement("SELECT fire_owner FROM tasks WHERE task_id = ?")) {
            query.setString(1, id);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.ofNullable(row.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
