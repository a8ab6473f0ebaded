package com.coze.timer.rest;

import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.WebServerConfig;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.http1.Http1Config;

/**
 * The REST API v1: {@code /api/v1/tasks}, {@code /api/v1/users/{user_id}/tasks}, dead letters
 * ({@code /api/v1/dead-letters}, {@code /api/v1/users/{user_id}/dead-letters}), who a token acts
 * for, {@code /api/v1/me}, the members sharing the firing, {@code /api/v1/cluster}, and this
 * instance's recent fire metrics, {@code /api/v1/metrics/recent}, with bearer tokens, JSON everywhere (errors included), and an error
 * document for every refusal.
 *
 * <pre>
 * HttpRouting.Builder routing = HttpRouting.builder();
 * RestApi.routing(routing, useCases, RestConfig.create(config.get("rest")));
 * </pre>
 *
 * The error handlers are registered on the whole routing: any route that throws gets the API's
 * JSON error document, and an unexpected exception a logged 500.
 */
public final class RestApi {

    /** Where the API lives. */
    public static final String BASE_PATH = "/api/v1";
    /** On every response: a browser must not guess a type other than the one declared. */
    static final Header NOSNIFF = HeaderValues.create(HeaderNames.create("X-Content-Type-Options"), "nosniff");

    private RestApi() {
    }

    /** Adds the API's routes and error handlers to {@code routing}. */
    public static void routing(HttpRouting.Builder routing, UseCases useCases, RestConfig config) {
        Callers callers = new Callers(useCases.authenticate());
        routing.addFilter((chain, req, res) -> {
            res.header(NOSNIFF);
            chain.proceed();
        });
        ErrorResponses.register(routing);
        TokenResource tokens = new TokenResource(useCases, callers);
        DeadLetterResource deadLetters = new DeadLetterResource(useCases.deadLetters(), callers);
        routing.register(BASE_PATH + "/tasks", new TaskResource(useCases, callers, new JsonBodies(config)))
                .register(BASE_PATH + "/users", new UserTaskResource(useCases, callers))
                .register(BASE_PATH + "/tokens", tokens)
                .get(BASE_PATH + "/users/{userId}/tokens", tokens::listOfUser)
                .register(BASE_PATH + "/dead-letters", deadLetters)
                .get(BASE_PATH + "/users/{userId}/dead-letters", deadLetters::listOfUser)
                .get(BASE_PATH + "/me", (req, res) -> Responses.send(res, Status.OK_200, TaskJson.caller(callers.of(req))))
                .get(BASE_PATH + "/cluster", (req, res) -> {
                    callers.of(req);
                    Responses.send(res, Status.OK_200, ClusterJson.of(useCases.viewCluster().view()));
                })
                .get(BASE_PATH + "/metrics/recent", (req, res) -> {
                    callers.of(req);
                    Responses.send(res, Status.OK_200, RecentMetricsJson.of(useCases.recentMetrics().recent()));
                })
                .any("/api", RestApi::noSuchRoute)
                .any("/api/*", RestApi::noSuchRoute);
    }

    /**
     * Sets up the listener that serves the API: the web server's own errors in the API's JSON error
     * document, and the connection of a client too slow to send its headers or body closed (see
     * {@link RestConfig}). A request line that never completes is the listener's
     * {@code idle-connection-timeout}'s.
     */
    public static void configureServer(WebServerConfig.Builder server, RestConfig config) {
        server.directHandlers(ServerErrors.handlers())
                .addProtocol(Http1Config.builder()
                        .addReceiveListener(ReadDeadlines.headersListener(config.headersTimeout()))
                        .build());
    }

    private static void noSuchRoute(ServerRequest req, ServerResponse res) {
        String method = req.prologue().method().text();
        String path = req.path().absolute().path();
        ApiPaths.find(path).ifPresent(known -> {
            throw ApiError.methodNotAllowed(method + " is not served on " + known.template() + "; it serves " + known.allow(),
                    known.allow());
        });
        throw ApiError.notFound("no such resource: " + method + " " + path);
    }
}
