package com.coze.timer.rest;

import static com.coze.timer.application.json.Jsons.JSON;

import com.coze.timer.domain.InvalidArgument;
import com.coze.timer.domain.Rejection;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * The API's error document, {@code {"status":"error","code":…,"message":…,"field":…}}, and one
 * error handler per exception type. Refusals map to 4xx: a use case's {@link Rejection} (a value),
 * {@link InvalidArgument} thrown while a command is built, {@link ApiError} from the edge itself,
 * Helidon's own {@link HttpException}s. Anything else is a failure: logged with its stack trace,
 * answered 500 with a message that reveals nothing.
 */
final class ErrorResponses {

    private static final System.Logger LOG = System.getLogger(ErrorResponses.class.getName());

    private ErrorResponses() {
    }

    static void register(HttpRouting.Builder routing) {
        routing.error(ApiError.class, ErrorResponses::apiError)
                .error(InvalidArgument.class, ErrorResponses::invalidArgument)
                .error(HttpException.class, ErrorResponses::httpException)
                .error(Exception.class, ErrorResponses::unexpected);
    }

    static void send(ServerResponse res, Rejection rejection) {
        send(res, statusOf(rejection.code()), rejection.code().wire(), rejection.message(), rejection.field());
    }

    static void send(ServerResponse res, Status status, String code, String message, String field) {
        Responses.send(res, status, document(status, code, message, field));
    }

    /** The error document; a null message is the status's reason phrase, a null field left out. */
    static JsonObject document(Status status, String code, String message, String field) {
        JsonObjectBuilder error = JSON.createObjectBuilder()
                .add("status", "error")
                .add("code", code)
                .add("message", message == null ? status.reasonPhrase() : message);
        if (field != null) {
            error.add("field", field);
        }
        return error.build();
    }

    static Status statusOf(Rejection.Code code) {
        return switch (code) {
            case INVALID_ARGUMENT -> Status.BAD_REQUEST_400;
            case NOT_FOUND -> Status.NOT_FOUND_404;
            case FORBIDDEN -> Status.FORBIDDEN_403;
            case CONFLICT -> Status.CONFLICT_409;
            case QUOTA_EXCEEDED -> Status.TOO_MANY_REQUESTS_429;
        };
    }

    private static void apiError(ServerRequest req, ServerResponse res, ApiError e) {
        if (e.status() == Status.UNAUTHORIZED_401) {
            res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"coze-timer\"");
        }
        if (e.allow() != null) {
            res.header(HeaderNames.ALLOW, e.allow());
        }
        send(res, e.status(), e.code(), e.getMessage(), e.field());
    }

    private static void invalidArgument(ServerRequest req, ServerResponse res, InvalidArgument e) {
        send(res, Rejection.of(e));
    }

    private static void httpException(ServerRequest req, ServerResponse res, HttpException e) {
        Status status = e.status();
        if (status.code() >= 500) {
            unexpected(req, res, e);
            return;
        }
        e.headers().forEach(res::header);
        send(res, status, codeOf(status), e.getMessage(), null);
    }

    private static void unexpected(ServerRequest req, ServerResponse res, Exception e) {
        // no headers, query or body in the log line: they may carry tokens and callback secrets
        LOG.log(System.Logger.Level.ERROR, "unexpected failure in " + req.prologue().method().text() + " "
                + req.path().absolute().path(), e);
        send(res, Status.INTERNAL_SERVER_ERROR_500, "internal", "internal error", null);
    }

    static String codeOf(Status status) {
        return switch (status.code()) {
            case 400 -> "invalid_argument";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            default -> "http_error";
        };
    }
}
