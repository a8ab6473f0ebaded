package com.coze.timer.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The OpenAPI description ships in the jar, where Helidon's OpenAPI feature looks for it, and names every call. */
class OpenApiDocumentTest {

    @Test
    void describesEveryCall() throws IOException {
        String document;
        try (InputStream in = RestApi.class.getResourceAsStream("/META-INF/openapi.yaml")) {
            assertThat(in).isNotNull();
            document = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(document).contains(
                "  /api/v1/tasks:\n    post:",
                "  /api/v1/tasks/{task_id}:",
                "    get:\n      summary: Show a task",
                "    patch:",
                "    delete:",
                "  /api/v1/tasks/{task_id}/cancel:\n",
                "  /api/v1/tasks/{task_id}/executions:",
                "  /api/v1/users/{user_id}/tasks:",
                "  /api/v1/users/{user_id}/tasks/running-count:");
    }
}
