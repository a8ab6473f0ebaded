package com.coze.timer.rest;

import io.helidon.common.media.type.MediaType;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientRequest;
import io.helidon.webclient.http1.Http1ClientResponse;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Calls the API as a client would, and reads its JSON answers. */
final class ApiClient {

    private final Http1Client client;
    private final String token;

    ApiClient(Http1Client client, String token) {
        this.client = client;
        this.token = token;
    }

    ApiClient as(String otherToken) {
        return new ApiClient(client, otherToken);
    }

    Reply get(String path) {
        return call(request(Method.GET, path));
    }

    /** A request without a body. */
    Reply call(Method method, String path) {
        return call(request(method, path));
    }

    Reply put(String path) {
        return call(request(Method.PUT, path));
    }

    Reply delete(String path) {
        return call(request(Method.DELETE, path));
    }

    Reply post(String path, String json) {
        return send(Method.POST, path, MediaTypes.APPLICATION_JSON, json.getBytes(StandardCharsets.UTF_8));
    }

    Reply patch(String path, String json) {
        return send(Method.PATCH, path, MediaTypes.APPLICATION_JSON, json.getBytes(StandardCharsets.UTF_8));
    }

    Reply send(Method method, String path, MediaType contentType, byte[] body) {
        return call(request(method, path).contentType(contentType), body);
    }

    /** Sends {@code body} chunked, without a Content-Length. */
    Reply sendChunked(Method method, String path, byte[] body) {
        try (Http1ClientResponse response = request(method, path).contentType(MediaTypes.APPLICATION_JSON)
                .outputStream(out -> {
                    for (int i = 0; i < body.length; i += 4096) {
                        out.write(body, i, Math.min(4096, body.length - i));
                    }
                    out.close();
                })) {
            return Reply.of(response);
        }
    }

    Http1ClientRequest request(Method method, String pathAndQuery) {
        int question = pathAndQuery.indexOf('?');
        String path = question < 0 ? pathAndQuery : pathAndQuery.substring(0, question);
        Http1ClientRequest request = client.method(method).path(path);
        if (question >= 0) {
            for (String pair : pathAndQuery.substring(question + 1).split("&")) {
                String[] nameValue = pair.split("=", 2);
                request.queryParam(nameValue[0], nameValue.length > 1 ? nameValue[1] : "");
            }
        }
        return token == null ? request : request.header(HeaderNames.AUTHORIZATION, "Bearer " + token);
    }

    private static Reply call(Http1ClientRequest request) {
        try (Http1ClientResponse response = request.request()) {
            return Reply.of(response);
        }
    }

    private static Reply call(Http1ClientRequest request, byte[] body) {
        try (Http1ClientResponse response = request.submit(body)) {
            return Reply.of(response);
        }
    }

    /** A status, its content type, and the body as text and, when it is one, as a JSON object. */
    record Reply(int status, Optional<String> contentType, String text, Optional<String> wwwAuthenticate, Optional<String> allow) {

        static Reply of(Http1ClientResponse response) {
            return new Reply(response.status().code(),
                    response.headers().first(HeaderNames.CONTENT_TYPE),
                    response.entity().hasEntity() ? response.as(String.class) : "",
                    response.headers().first(HeaderNames.WWW_AUTHENTICATE),
                    response.headers().first(HeaderNames.ALLOW));
        }

        JsonObject json() {
            try (JsonReader reader = Json.createReader(new StringReader(text))) {
                return reader.readObject();
            }
        }

        String string(String field) {
            return json().getString(field);
        }
    }
}
