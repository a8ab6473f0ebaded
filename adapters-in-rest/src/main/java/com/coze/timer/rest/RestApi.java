package com.coze.timer.rest;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * The REST API v1: {@code /api/v1/tasks}, {@code /api/v1/users/{user_id}/tasks} and who a token acts
 * for, {@code /api/v1/me}, with bearer tokens, JSON everywhere (errors included), and an error
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

    private RestApi() {
    }

    /** Adds the API's routes and error handlers to {@code routing}. */
    public static void routing(HttpRouting.Builder routing, UseCases useCases, RestConfig config) {
        Callers callers = new Callers(useCases.authenticate());
        ErrorResponses.register(routing);
        routing.register(BASE_PATH + "/tasks", new TaskResource(useCases, callers, new JsonBodies(config)))
                .register(BASE_PATH + "/users", new UserTaskResource(useCases, callers))
                .get(BASE_PATH + "/me", (req, res) -> Responses.send(res, Status.OK_200, TaskJson.caller(callers.of(req))))
                .any("/api", RestApi::noSuchRoute)
                .any("/api/*", RestApi::noSuchRoute);
    }

    private static void noSuchRoute(ServerRequest req, ServerResponse res) {
        throw ApiError.notFound("no such resource: " + req.prologue().method().text() + " " + req.path().absolute().path());
    }
}
