package com.coze.timer.rest;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The API's paths and the methods each serves, as routed by {@link TaskResource},
 * {@link UserTaskResource}, {@link TokenResource}, {@link DeadLetterResource} and {@link RestApi} and documented in
 * {@code META-INF/openapi.yaml} (a test holds the three together). A request on one of these paths
 * with another method is answered 405 with {@code Allow}; on any other path under {@code /api}, 404.
 */
final class ApiPaths {

    /** A path template of the document, e.g. {@code /api/v1/tasks/{task_id}}, and its methods. */
    record Path(String template, List<String> methods) {

        boolean matches(String path) {
            String regex = Pattern.quote(template).replaceAll("\\{[a-z_]+}", "\\\\E[^/]+\\\\Q");
            return path.matches(regex) || path.matches(regex + "/");
        }

        /** The {@code Allow} header's value. */
        String allow() {
            return String.join(", ", methods);
        }
    }

    static final List<Path> ALL = List.of(
            new Path(RestApi.BASE_PATH + "/me", List.of("GET")),
            new Path(RestApi.BASE_PATH + "/cluster", List.of("GET")),
            new Path(RestApi.BASE_PATH + "/metrics/recent", List.of("GET")),
            new Path(RestApi.BASE_PATH + "/tasks", List.of("GET", "POST")),
            new Path(RestApi.BASE_PATH + "/tasks/{task_id}", List.of("GET", "PATCH", "DELETE")),
            new Path(RestApi.BASE_PATH + "/tasks/{task_id}/cancel", List.of("PUT")),
            new Path(RestApi.BASE_PATH + "/tasks/{task_id}/pause", List.of("PUT")),
            new Path(RestApi.BASE_PATH + "/tasks/{task_id}/resume", List.of("PUT")),
            new Path(RestApi.BASE_PATH + "/tasks/{task_id}/run", List.of("POST")),
            new Path(RestApi.BASE_PATH + "/tasks/{task_id}/signing-secret", List.of("POST")),
            new Path(RestApi.BASE_PATH + "/tasks/{task_id}/executions", List.of("GET")),
            new Path(RestApi.BASE_PATH + "/users/{user_id}/tasks", List.of("GET")),
            new Path(RestApi.BASE_PATH + "/users/{user_id}/tasks/running-count", List.of("GET")),
            new Path(RestApi.BASE_PATH + "/users/{user_id}/tokens", List.of("GET")),
            new Path(RestApi.BASE_PATH + "/users/{user_id}/dead-letters", List.of("GET")),
            new Path(RestApi.BASE_PATH + "/dead-letters/{dead_letter_id}", List.of("DELETE")),
            new Path(RestApi.BASE_PATH + "/dead-letters/{dead_letter_id}/redrive", List.of("POST")),
            new Path(RestApi.BASE_PATH + "/tokens", List.of("GET")),
            new Path(RestApi.BASE_PATH + "/tokens/{token_id}", List.of("DELETE")));

    private ApiPaths() {
    }

    static Optional<Path> find(String path) {
        return ALL.stream().filter(known -> known.matches(path)).findFirst();
    }
}
