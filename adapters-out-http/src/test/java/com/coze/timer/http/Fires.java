package com.coze.timer.http;

import com.coze.timer.application.port.out.CallbackSender.CallbackRequest;
import com.coze.timer.application.port.out.Fence;
import com.coze.timer.domain.task.Callback;
import com.coze.timer.domain.task.Delivery;
import com.coze.timer.domain.task.HttpMethod;
import com.coze.timer.domain.task.Signing;
import com.coze.timer.domain.task.TaskId;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Test data: {@code aFire().to(url).method(PUT).body("{}").build()}. */
final class Fires {

    static final Instant SCHEDULED = Instant.parse("2026-04-22T10:00:20Z");

    private String endpoint = "http://127.0.0.1:9/";
    private HttpMethod method = HttpMethod.POST;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String body;
    private Optional<Delivery> delivery = Optional.empty();
    private Signing signing = Signing.NONE;
    private final TaskId taskId = TaskId.random();
    private final String executionId = UUID.randomUUID().toString();
    private Fence fence = Fence.OPEN;

    private Fires() {
    }

    static Fires aFire() {
        return new Fires();
    }

    Fires to(String url) {
        endpoint = url;
        return this;
    }

    Fires method(HttpMethod value) {
        method = value;
        return this;
    }

    Fires header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    Fires body(String json) {
        body = json;
        return this;
    }

    Fires delivery(Delivery value) {
        delivery = Optional.of(value);
        return this;
    }

    Fires signing(Signing value) {
        signing = value;
        return this;
    }

    Fires fence(Fence value) {
        fence = value;
        return this;
    }

    CallbackRequest build() {
        Callback callback = new Callback(URI.create(endpoint), method, headers, Optional.ofNullable(body), delivery, signing);
        return new CallbackRequest(taskId, executionId, SCHEDULED, callback, fence);
    }
}
