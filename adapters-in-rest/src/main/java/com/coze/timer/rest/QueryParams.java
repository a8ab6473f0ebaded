package com.coze.timer.rest;

import com.coze.timer.application.listing.TaskFilter;
import com.coze.timer.application.port.in.PageRequest;
import com.coze.timer.domain.InvalidArgument;
import com.coze.timer.domain.task.TaskStatus;
import com.coze.timer.domain.task.TaskTags;
import io.helidon.webserver.http.ServerRequest;
import java.util.Optional;
import java.util.OptionalLong;

/** Query and path parameters, read with errors that name the parameter. */
final class QueryParams {

    private QueryParams() {
    }

    /** The page a listing asks for: {@code limit}, {@code offset}, {@code cursor}. */
    static PageRequest page(ServerRequest req) {
        return new PageRequest(limit(req, PageRequest.DEFAULT_LIMIT), offset(req),
                req.query().first("cursor").asOptional().map(Cursors::parse));
    }

    /** A listing's filter: the user given, and the {@code status}, {@code name} prefix and {@code label=key:value}. */
    static TaskFilter filter(ServerRequest req, Optional<Long> userId) {
        return new TaskFilter(userId, status(req), req.query().first("name").asOptional(),
                req.query().first("label").asOptional().map(text -> TaskTags.Label.parse(text, "label")));
    }

    /** An optional {@code user_id} query parameter. */
    static Optional<Long> userIdFilter(ServerRequest req) {
        return req.query().first("user_id").asOptional().map(text -> parse(text, "user_id", Long.MIN_VALUE, Long.MAX_VALUE));
    }

    static int limit(ServerRequest req, int defaultLimit) {
        return integer(req, "limit").map(Math::toIntExact).orElse(defaultLimit);
    }

    static int offset(ServerRequest req) {
        return integer(req, "offset").map(Math::toIntExact).orElse(0);
    }

    static Optional<Long> before(ServerRequest req) {
        return integer(req, "before");
    }

    private static Optional<TaskStatus> status(ServerRequest req) {
        return req.query().first("status").asOptional().map(text -> TaskStatus.fromWire(text, "status"));
    }

    /** The {@code {userId}} path parameter, spelt {@code user_id} in errors as in the API. */
    static long userId(ServerRequest req) {
        return parse(req.path().pathParameters().get("userId"), "user_id", Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** The {@code user_id} query parameter, if given. */
    static OptionalLong userIdQuery(ServerRequest req) {
        return userIdFilter(req).map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    /** The {@code {tokenId}} path parameter, spelt {@code token_id} in errors as in the API. */
    static long tokenId(ServerRequest req) {
        return parse(req.path().pathParameters().get("tokenId"), "token_id", 1, Long.MAX_VALUE);
    }

    static String taskId(ServerRequest req) {
        return req.path().pathParameters().get("taskId");
    }

    private static Optional<Long> integer(ServerRequest req, String name) {
        return req.query().first(name).asOptional().map(text -> parse(text, name, Integer.MIN_VALUE, Integer.MAX_VALUE));
    }

    private static long parse(String text, String name, long min, long max) {
        try {
            long value = Long.parseLong(text.trim());
            InvalidArgument.require(value <= max, name, name + " must be at most " + max);
            InvalidArgument.require(value >= min, name, name + " must be at least " + min);
            return value;
        } catch (NumberFormatException e) {
            throw new InvalidArgument(name, name + " must be an integer");
        }
    }
}
