package com.coze.timer.rest;

import static com.coze.timer.application.json.Jsons.JSON;

import com.coze.timer.application.auth.ApiToken;
import com.coze.timer.application.auth.Caller;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code /api/v1/tokens}: an admin lists every token ({@code ?user_id=} narrows it to one user) and
 * revokes any; a user lists and revokes its own. {@code /api/v1/users/{user_id}/tokens} lists one
 * user's. A token is shown by id, user, admin flag, label and times, never by its text or hash.
 */
final class TokenResource implements HttpService {

    private final UseCases useCases;
    private final Callers callers;

    TokenResource(UseCases useCases, Callers callers) {
        this.useCases = useCases;
        this.callers = callers;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list)
                .delete("/{tokenId}", this::revoke);
    }

    /** The route of one user's tokens, registered beside the user's tasks. */
    void listOfUser(ServerRequest req, ServerResponse res) {
        Caller caller = callers.of(req);
        Responses.send(res, useCases.manageTokens().list(caller, OptionalLong.of(QueryParams.userId(req))), Status.OK_200,
                TokenResource::page);
    }

    private void list(ServerRequest req, ServerResponse res) {
        Caller caller = callers.of(req);
        Responses.send(res, useCases.manageTokens().list(caller, QueryParams.userIdQuery(req)), Status.OK_200, TokenResource::page);
    }

    private void revoke(ServerRequest req, ServerResponse res) {
        Caller caller = callers.of(req);
        Responses.send(res, useCases.manageTokens().revoke(caller, QueryParams.tokenId(req)), Status.OK_200, TokenResource::token);
    }

    private static JsonObject page(List<ApiToken> tokens) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        tokens.forEach(token -> array.add(token(token)));
        return JSON.createObjectBuilder().add("tokens", array).add("total", tokens.size()).build();
    }

    static JsonObject token(ApiToken token) {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("token_id", token.tokenId())
                .add("user_id", token.userId())
                .add("admin", token.admin())
                .add("label", token.label().<JsonValue>map(JSON::createValue).orElse(JsonValue.NULL))
                .add("created_at", Times.format(token.createdAt()))
                .add("last_used_at", time(token.lastUsedAt()))
                .add("expires_at", time(token.expiresAt()))
                .add("revoked_at", time(token.revokedAt()));
        return json.build();
    }

    private static JsonValue time(Optional<Instant> instant) {
        return instant.<JsonValue>map(at -> JSON.createValue(Times.format(at))).orElse(JsonValue.NULL);
    }
}
