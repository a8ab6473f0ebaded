package com.coze.timer.rest;

import com.coze.timer.application.auth.Caller;
import com.coze.timer.application.port.in.Authenticate;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

/** Establishes who makes a request from its {@code Authorization: Bearer <token>} header. */
final class Callers {

    private static final String BEARER = "Bearer ";

    private final Authenticate authenticate;

    Callers(Authenticate authenticate) {
        this.authenticate = authenticate;
    }

    /** The caller, or an {@link ApiError} 401 when the token is missing, malformed or unknown. */
    Caller of(ServerRequest req) {
        String header = req.headers().first(HeaderNames.AUTHORIZATION)
                .orElseThrow(() -> ApiError.unauthorized("missing bearer token: send Authorization: Bearer <access_token>"));
        if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw ApiError.unauthorized("Authorization must use the Bearer scheme");
        }
        return authenticate.authenticate(header.substring(BEARER.length()).trim())
                .orElseThrow(() -> ApiError.unauthorized("invalid or unknown access token"));
    }
}
