package com.coze.timer.rest;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;

/**
 * The web server's own refusals, made before any route runs (a header section over the limit, a
 * request line or path that cannot be decoded, a malformed request), answered with the API's JSON
 * error document instead of Helidon's plain text, and logged on one line without a stack trace.
 */
final class ServerErrors implements DirectHandler {

    private static final System.Logger LOG = System.getLogger(ServerErrors.class.getName());

    private ServerErrors() {
    }

    /** The direct handlers of a listener serving the API: every event answered by {@link ServerErrors}. */
    static DirectHandlers handlers() {
        DirectHandlers.Builder builder = DirectHandlers.builder();
        ServerErrors handler = new ServerErrors();
        for (EventType type : EventType.values()) {
            builder.addHandler(type, handler);
        }
        return builder.build();
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status status,
                                    ServerResponseHeaders headers, Throwable thrown) {
        return handle(request, eventType, status, headers, thrown == null ? null : thrown.getMessage());
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status status,
                                    ServerResponseHeaders headers, Throwable thrown, System.Logger logger) {
        return handle(request, eventType, status, headers, thrown);
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status status,
                                    ServerResponseHeaders headers, String message) {
        boolean failure = status.code() >= 500;
        String shown = failure ? "internal error" : message;
        LOG.log(failure ? System.Logger.Level.ERROR : System.Logger.Level.DEBUG,
                () -> "refused by the web server (" + status.code() + "): " + message);
        headers.set(HeaderNames.CONTENT_TYPE, Responses.JSON_UTF8);
        headers.set(HeaderNames.CACHE_CONTROL, "no-store");
        headers.set(RestApi.NOSNIFF);
        byte[] body = Responses.bytes(ErrorResponses.document(status, failure ? "internal" : ErrorResponses.codeOf(status), shown, null));
        return TransportResponse.builder()
                .status(status)
                .headers(headers)
                .entity(body)
                .keepAlive(eventType.keepAlive())
                .build();
    }
}
