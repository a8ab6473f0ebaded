package com.coze.timer.rest;

import com.coze.timer.domain.execution.DeadLetter;
import java.util.Optional;
import java.util.OptionalInt;
import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.coze.timer.application.port.in.Authenticate;
import com.coze.timer.domain.execution.ExecutionOutcome;
import com.coze.timer.domain.task.Task;
import com.coze.timer.domain.task.TaskId;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.Method;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every answer of the running API, successes and refusals alike, checked against the OpenAPI
 * document ({@code META-INF/openapi.yaml}) by an independent validator: status declared for the
 * operation, body as its schema says ({@code required}, {@code nullable}, formats, enums). A test
 * that a route was exercised with each status it can answer keeps the list honest.
 */
@ServerTest
class OpenApiContractTest {

    private static final RestFixture FIXTURE = new RestFixture();
    /** A token whose lookup fails unexpectedly (the token store is down, say): a 500 on every route. */
    private static final String BROKEN_TOKEN = "ctk_the-token-store-is-down";
    /**
     * With the document's own rule on extra properties: the validator by default refuses any
     * property a schema does not list, which no allOf (Task = TaskSummary + its details) can pass.
     */
    private static final OpenApiInteractionValidator VALIDATOR = OpenApiInteractionValidator
            .createForInlineApiSpecification(document())
            .withLevelResolver(LevelResolver.create().withLevel("validation.schema.additionalProperties", ValidationReport.Level.IGNORE).build())
            .build();
    private final ApiClient api;
    private final ApiClient other;
    private final ApiClient anonymous;
    private final ApiClient broken;
    private final ApiClient admin;
    private final Set<String> answered = new TreeSet<>();

    OpenApiContractTest(Http1Client client) {
        this.api = new ApiClient(client, FIXTURE.userToken);
        this.other = new ApiClient(client, FIXTURE.otherToken);
        this.anonymous = new ApiClient(client, null);
        this.broken = new ApiClient(client, BROKEN_TOKEN);
        this.admin = new ApiClient(client, FIXTURE.adminToken);
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        UseCases real = FIXTURE.useCases();
        Authenticate failing = token -> {
            if (token.equals(BROKEN_TOKEN)) {
                throw new IllegalStateException("the database is gone");
            }
            return real.authenticate().authenticate(token);
        };
        RestApi.routing(routing, real.withAuthenticate(failing), RestConfig.DEFAULT);
    }

    @BeforeEach
    void reset() {
        FIXTURE.reset();
    }

    @Test
    void everyAnswerOfEveryRouteIsAsTheDocumentSays() {
        String id = api.post("/api/v1/tasks", CreateTaskTest.SEED_REQUEST).string("task_id");
        String bare = checked(Method.POST, "/api/v1/tasks", api.post("/api/v1/tasks",
                "{\"user_id\": 1001, \"type\": \"cron\", \"cron_expression\": \"0 12 * * *\", \"http_endpoint\": \"https://example.com/x\"}"), 201)
                .string("task_id");
        Task stored = FIXTURE.store.find(TaskId.parse(bare).orElseThrow()).orElseThrow();
        FIXTURE.log.append(TaskLifecycleTest.record(stored, "2026-04-22T10:00:00Z", 503, ExecutionOutcome.FAILURE, "HTTP 503"));
        String task = "/api/v1/tasks/" + id;
        String unknown = "/api/v1/tasks/6ba7b810-9dad-41d1-80b4-00c04fd430c8";

        checked(Method.GET, task, api.get(task), 200);
        checked(Method.GET, "/api/v1/tasks/" + bare, api.get("/api/v1/tasks/" + bare), 200); // body, stop_condition null; an execution
        checked(Method.GET, unknown, api.get(unknown), 404);
        withoutAWorkingToken(Method.GET, task);

        checked(Method.POST, "/api/v1/tasks", api.post("/api/v1/tasks", "{\"user_id\": 1001, \"type\": \"weekly\"}"), 400);
        checked(Method.POST, "/api/v1/tasks", anonymous.post("/api/v1/tasks", CreateTaskTest.SEED_REQUEST), 401);
        checked(Method.POST, "/api/v1/tasks", broken.post("/api/v1/tasks", CreateTaskTest.SEED_REQUEST), 500);
        checked(Method.POST, "/api/v1/tasks", other.post("/api/v1/tasks", CreateTaskTest.SEED_REQUEST), 403);
        checked(Method.POST, "/api/v1/tasks", api.send(Method.POST, "/api/v1/tasks", MediaTypes.TEXT_PLAIN,
                "hello".getBytes(StandardCharsets.UTF_8)), 415);
        checked(Method.POST, "/api/v1/tasks", api.send(Method.POST, "/api/v1/tasks", MediaTypes.APPLICATION_JSON,
                new byte[(int) RestConfig.DEFAULT_MAX_BODY_BYTES + 1]), 413);

        checked(Method.PATCH, task, api.patch(task, "{\"interval_seconds\": 30, \"body\": null}"), 200);
        checked(Method.PATCH, task, api.patch(task, "{\"interval_seconds\": 0}"), 400);
        checked(Method.PATCH, unknown, api.patch(unknown, "{\"interval_seconds\": 30}"), 404);
        checked(Method.PATCH, task, anonymous.patch(task, "{}"), 401);
        checked(Method.PATCH, task, broken.patch(task, "{}"), 500);
        checked(Method.PATCH, task, api.send(Method.PATCH, task, MediaTypes.TEXT_PLAIN, "x".getBytes(StandardCharsets.UTF_8)), 415);
        checked(Method.PATCH, task, api.send(Method.PATCH, task, MediaTypes.APPLICATION_JSON,
                new byte[(int) RestConfig.DEFAULT_MAX_BODY_BYTES + 1]), 413);

        String executions = "/api/v1/tasks/" + bare + "/executions";
        checked(Method.GET, executions, api.get(executions + "?limit=1"), 200);
        checked(Method.GET, executions, api.get(executions + "?limit=0"), 400);
        checked(Method.GET, unknown + "/executions", api.get(unknown + "/executions"), 404);
        withoutAWorkingToken(Method.GET, executions);

        String list = "/api/v1/users/1001/tasks";
        checked(Method.GET, list, api.get(list + "?status=pending&limit=10"), 200);
        checked(Method.GET, list, api.get(list + "?status=sleeping"), 400);
        withoutAWorkingToken(Method.GET, list);
        checked(Method.GET, list, other.get(list), 403);
        String count = "/api/v1/users/1001/tasks/running-count";
        checked(Method.GET, count, api.get(count), 200);
        checked(Method.GET, "/api/v1/users/x/tasks/running-count", api.get("/api/v1/users/x/tasks/running-count"), 400);
        withoutAWorkingToken(Method.GET, count);
        checked(Method.GET, count, other.get(count), 403);

        taskControl(task, unknown);
        adminListingAndWhoAmI();
        tokens();
        deadLetters(stored);

        String rotate = task + "/signing-secret";
        checked(Method.POST, rotate, api.post(rotate, ""), 200);
        checked(Method.POST, unknown + "/signing-secret", api.post(unknown + "/signing-secret", ""), 404);
        withoutAWorkingToken(Method.POST, rotate);

        String cancel = task + "/cancel";
        checked(Method.PUT, cancel, api.put(cancel), 200);
        checked(Method.PUT, cancel, api.put(cancel), 409);
        checked(Method.POST, rotate, api.post(rotate, ""), 409);
        checked(Method.PATCH, task, api.patch(task, "{\"interval_seconds\": 30}"), 409);
        checked(Method.PUT, unknown + "/cancel", api.put(unknown + "/cancel"), 404);
        withoutAWorkingToken(Method.PUT, cancel);

        checked(Method.DELETE, task, api.delete(task), 200);
        checked(Method.DELETE, task, api.delete(task), 404);
        withoutAWorkingToken(Method.DELETE, task);

        for (int i = 0; i < RestFixture.QUOTA; i++) {
            api.post("/api/v1/tasks", CreateTaskTest.SEED_REQUEST);
        }
        checked(Method.POST, "/api/v1/tasks", api.post("/api/v1/tasks", CreateTaskTest.SEED_REQUEST), 429);

        assertThat(answered).as("every status the document declares was seen, and checked").isEqualTo(declared());
    }

    /** Pause, resume and run of {@code task} (left pending, with a run in flight), and of an unknown task. */
    private void taskControl(String task, String unknown) {
        for (String action : List.of("/pause", "/resume")) {
            checked(Method.PUT, task + action, api.put(task + action), 200);
            checked(Method.PUT, task + action, api.put(task + action), 409);
            checked(Method.PUT, unknown + action, api.put(unknown + action), 404);
            withoutAWorkingToken(Method.PUT, task + action);
        }
        String run = task + "/run";
        checked(Method.POST, run, api.post(run, ""), 202);
        checked(Method.POST, run, api.post(run, ""), 409);
        checked(Method.POST, unknown + "/run", api.post(unknown + "/run", ""), 404);
        withoutAWorkingToken(Method.POST, run);
    }

    private void adminListingAndWhoAmI() {
        String all = "/api/v1/tasks";
        checked(Method.GET, all, admin.get(all + "?user_id=1001&limit=1"), 200);
        checked(Method.GET, all, admin.get(all + "?status=sleeping"), 400);
        checked(Method.GET, all, api.get(all), 403);
        withoutAWorkingToken(Method.GET, all);
        checked(Method.GET, "/api/v1/me", api.get("/api/v1/me"), 200);
        withoutAWorkingToken(Method.GET, "/api/v1/me");
        checked(Method.GET, "/api/v1/cluster", api.get("/api/v1/cluster"), 200);
        withoutAWorkingToken(Method.GET, "/api/v1/cluster");
        checked(Method.GET, "/api/v1/metrics/recent", api.get("/api/v1/metrics/recent"), 200);
        FIXTURE.recentMetrics.sample();
        FIXTURE.clock.advance(java.time.Duration.ofSeconds(5));
        FIXTURE.fires.fire(7, 3);
        FIXTURE.recentMetrics.sample();
        FIXTURE.clock.advance(java.time.Duration.ofSeconds(5));
        FIXTURE.recentMetrics.sample();
        checked(Method.GET, "/api/v1/metrics/recent", api.get("/api/v1/metrics/recent"), 200);
        withoutAWorkingToken(Method.GET, "/api/v1/metrics/recent");
    }

    /** The listing of a user's dead letters, a redrive and a deletion, and of an unknown one. */
    private void deadLetters(Task task) {
        DeadLetter failed = new DeadLetter("7c9e6679-7425-40de-944b-e07fc1f90ae7", task.id(), task.userId(), "exec-1",
                task.createdAt(), task.createdAt(), 4, OptionalInt.of(503), Optional.of("HTTP 503"), task.callback());
        FIXTURE.deadLetters.add(failed);
        String list = "/api/v1/users/1001/dead-letters";
        checked(Method.GET, list, api.get(list + "?limit=1"), 200);
        checked(Method.GET, list, api.get(list + "?limit=0"), 400);
        checked(Method.GET, list, other.get(list), 403);
        withoutAWorkingToken(Method.GET, list);

        String one = "/api/v1/dead-letters/" + failed.deadLetterId();
        String unknown = "/api/v1/dead-letters/6ba7b810-9dad-41d1-80b4-00c04fd430c8";
        checked(Method.POST, one + "/redrive", api.post(one + "/redrive", ""), 202);
        checked(Method.POST, one + "/redrive", api.post(one + "/redrive", ""), 409); // the first still in flight
        checked(Method.POST, one + "/redrive", other.post(one + "/redrive", ""), 404);
        withoutAWorkingToken(Method.POST, one + "/redrive");
        checked(Method.DELETE, one, other.delete(one), 404);
        checked(Method.DELETE, one, api.delete(one), 200);
        checked(Method.DELETE, unknown, api.delete(unknown), 404);
        withoutAWorkingToken(Method.DELETE, one);
    }

    /** The listings, and the revocation of a token minted for it. */
    private void tokens() {
        String list = "/api/v1/tokens";
        FIXTURE.tokenService.mint(RestFixture.USER, false, "doomed");
        long doomed = checked(Method.GET, list, admin.get(list), 200).json().getJsonArray("tokens").getValuesAs(JsonObject.class)
                .stream().filter(token -> "doomed".equals(token.getString("label", null)))
                .mapToLong(token -> token.getJsonNumber("token_id").longValue()).findFirst().orElseThrow();
        checked(Method.GET, list, api.get(list + "?user_id=x"), 400);
        checked(Method.GET, list, api.get(list + "?user_id=2002"), 403);
        withoutAWorkingToken(Method.GET, list);

        String own = "/api/v1/users/1001/tokens";
        checked(Method.GET, own, api.get(own), 200);
        checked(Method.GET, "/api/v1/users/x/tokens", api.get("/api/v1/users/x/tokens"), 400);
        checked(Method.GET, own, other.get(own), 403);
        withoutAWorkingToken(Method.GET, own);

        String revoke = list + "/" + doomed;
        checked(Method.DELETE, revoke, other.delete(revoke), 404);
        checked(Method.DELETE, revoke, api.delete(revoke), 200);
        checked(Method.DELETE, list + "/abc", admin.delete(list + "/abc"), 400);
        withoutAWorkingToken(Method.DELETE, revoke);
    }

    @Test
    void aWrongMethodOrAnUnknownPathAnswersTheDocumentsErrorShape() {
        // Not an operation of the document, so checked against its Error schema alone.
        for (ApiClient.Reply reply : List.of(api.call(Method.PUT, "/api/v1/tasks"), api.call(Method.GET, "/api/v2/tasks"))) {
            Map<String, Object> error = errorSchema();
            assertThat(reply.json().keySet()).containsAll((List<String>) error.get("required"));
            Map<String, Map<String, Object>> properties = (Map<String, Map<String, Object>>) error.get("properties");
            assertThat((List<String>) properties.get("code").get("enum")).contains(reply.string("code"));
        }
    }

    /** A body-less call of {@code path} without a token (401) and with one whose lookup fails (500). */
    private void withoutAWorkingToken(Method method, String path) {
        checked(method, path, anonymous.call(method, path), 401);
        checked(method, path, broken.call(method, path), 500);
    }

        /** Validates {@code reply} as the answer to {@code method path} and records the status seen. */
    private ApiClient.Reply checked(Method method, String path, ApiClient.Reply reply, int expected) {
        assertThat(reply.status()).as(method.text() + " " + path + ": " + reply.text()).isEqualTo(expected);
        SimpleResponse.Builder response = SimpleResponse.Builder.status(reply.status()).withBody(reply.text());
        reply.contentType().ifPresent(type -> response.withContentType(type));
        ValidationReport report = VALIDATOR.validateResponse(path, Request.Method.valueOf(method.text()), response.build());
        assertThat(report.getMessages()).as(method.text() + " " + path + " " + reply.status() + ": " + reply.text()).isEmpty();
        answered.add(method.text() + " " + template(path) + " " + reply.status());
        return reply;
    }

    private static String template(String path) {
        return ApiPaths.find(path).map(ApiPaths.Path::template).orElseThrow(() -> new AssertionError("not an API path: " + path));
    }

    /** METHOD template status, for every response the document declares. */
    @SuppressWarnings("unchecked")
    private static Set<String> declared() {
        Set<String> all = new TreeSet<>();
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) OpenApiDocumentTest.document().get("paths");
        paths.forEach((path, item) -> item.forEach((operation, body) -> {
            if (body instanceof Map<?, ?> op && op.get("responses") instanceof Map<?, ?> responses) {
                responses.keySet().forEach(status -> all.add(operation.toUpperCase(Locale.ROOT) + " " + path + " " + status));
            }
        }));
        return all;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> errorSchema() {
        Map<String, Object> components = (Map<String, Object>) OpenApiDocumentTest.document().get("components");
        return (Map<String, Object>) ((Map<String, Object>) components.get("schemas")).get("Error");
    }

    private static String document() {
        try (InputStream in = RestApi.class.getResourceAsStream("/META-INF/openapi.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
