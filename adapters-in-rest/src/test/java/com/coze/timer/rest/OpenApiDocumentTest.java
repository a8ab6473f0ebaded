package com.coze.timer.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.coze.timer.rest.RouteRecorder.Route;
import io.helidon.http.Method;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The OpenAPI document ({@code META-INF/openapi.yaml}, served at {@code /openapi}) and the routes
 * stay one: every route {@link RestApi#routing} registers is described, every described call is a
 * route, and the running server answers every described call with a handler of the API rather
 * than with its "no such resource" fallback. Path parameters are compared by position only
 * ({@code {task_id}} in the document, {@code {taskId}} in the code).
 */
@ServerTest
class OpenApiDocumentTest {

    private static final RestFixture FIXTURE = new RestFixture();
    private static final Set<String> OPERATIONS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final String NO_SUCH_ROUTE = "no such resource";
    private final ApiClient api;

    OpenApiDocumentTest(Http1Client client) {
        this.api = new ApiClient(client, FIXTURE.userToken);
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        FIXTURE.routing(routing);
    }

    @Test
    void everyRouteOfTheApiIsDescribedAndEveryDescribedCallIsARoute() {
        List<Route> registered = apiRoutes();
        List<Route> described = documentedCalls();

        assertThat(registered).as("routes RestApi registers").hasSizeGreaterThanOrEqualTo(8).doesNotHaveDuplicates();
        assertThat(described.stream().map(OpenApiDocumentTest::normalized).toList())
                .as("calls the document describes, against the routes registered")
                .containsExactlyInAnyOrderElementsOf(registered.stream().map(OpenApiDocumentTest::normalized).toList());
    }

    @Test
    void theRunningServerAnswersEveryDescribedCallWithAnApiHandler() {
        for (Route call : documentedCalls()) {
            String path = call.path().replace("{task_id}", "550e8400-e29b-41d4-a716-446655440000").replace("{user_id}", "1001")
                    .replace("{token_id}", "99999").replace("{dead_letter_id}", "6ba7b810-9dad-41d1-80b4-00c04fd430c8");
            assertThat(path).as("every path parameter filled").doesNotContain("{");
            ApiClient.Reply reply = api.call(Method.create(call.method()), path);
            assertThat(reply.status()).as(call + " answered " + reply.text()).isNotEqualTo(405);
            assertThat(reply.text()).as(call + " answered by a route").doesNotContain(NO_SUCH_ROUTE);
        }
    }

    @Test
    void aCallTheApiDoesNotHaveIsToldApartFromOneItHas() {
        // The check above would pass vacuously if the fallback's answer were not recognised.
        assertThat(api.call(Method.GET, "/api/v1/tasks/550e8400-e29b-41d4-a716-446655440000/nothing").text()).contains(NO_SUCH_ROUTE);
        assertThat(api.call(Method.POST, "/api/v1/users/1001/tasks").status()).isEqualTo(405);
    }

    @Test
    void thePathsThatAnswer405AreTheDocumentedOnesWithTheirMethods() {
        List<String> known = ApiPaths.ALL.stream()
                .flatMap(path -> path.methods().stream().map(method -> new Route(method, path.template())))
                .map(OpenApiDocumentTest::normalized).toList();
        assertThat(known).containsExactlyInAnyOrderElementsOf(documentedCalls().stream().map(OpenApiDocumentTest::normalized).toList());
    }

    @Test
    void theDocumentHasNoEmptyValue() {
        // An unquoted comma in a flow mapping ({description: a, b}) silently makes a key "b" without a
        // value; Helidon then renders the document's JSON form with an invalid "!!null".
        assertThat(emptyValues(document(), "")).isEmpty();
    }

    /** What {@link RestApi#routing} registers, but for its catch-all ANY routes under /api (the JSON 404). */
    static List<Route> apiRoutes() {
        List<Route> all = RouteRecorder.routesOf(routing -> RestApi.routing(routing, FIXTURE.useCases(), RestConfig.DEFAULT));
        List<Route> fallbacks = all.stream().filter(r -> r.method().equals("ANY")).toList();
        assertThat(fallbacks).as("the fallbacks").extracting(Route::path).containsExactlyInAnyOrder("/api", "/api/*");
        return all.stream().filter(r -> !fallbacks.contains(r)).toList();
    }

    /** Every operation of the document, as METHOD and path. */
    @SuppressWarnings("unchecked")
    static List<Route> documentedCalls() {
        List<Route> calls = new ArrayList<>();
        ((Map<String, Map<String, Object>>) document().get("paths")).forEach((path, item) -> item.keySet().stream()
                .filter(OPERATIONS::contains)
                .forEach(operation -> calls.add(new Route(operation.toUpperCase(Locale.ROOT), path))));
        return calls;
    }

    static Map<String, Object> document() {
        try (InputStream in = RestApi.class.getResourceAsStream("/META-INF/openapi.yaml")) {
            assertThat(in).as("META-INF/openapi.yaml in the jar, where Helidon's OpenAPI feature looks").isNotNull();
            return new Yaml().load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> emptyValues(Object node, String at) {
        List<String> empty = new ArrayList<>();
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> empty.addAll(value == null ? List.of(at + "/" + key) : emptyValues(value, at + "/" + key)));
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                empty.addAll(emptyValues(list.get(i), at + "/" + i));
            }
        }
        return empty;
    }

    private static String normalized(Route route) {
        return route.method() + " " + route.path().replaceAll("\\{[^}]+}", "{}");
    }
}
