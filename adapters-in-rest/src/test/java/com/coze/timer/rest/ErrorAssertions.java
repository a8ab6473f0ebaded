package com.coze.timer.rest;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;

/** Checks the API's error document. */
final class ErrorAssertions {

    private ErrorAssertions() {
    }

    /** The reply is the error document with this status, code and field (null: no field). */
    static JsonObject assertError(ApiClient.Reply reply, int status, String code, String field) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(status);
        assertThat(reply.contentType()).as("content type").hasValue(Responses.JSON_UTF8);
        JsonObject json = reply.json();
        assertThat(json.getString("status")).isEqualTo("error");
        assertThat(json.getString("code")).as(reply.text()).isEqualTo(code);
        assertThat(json.getString("message")).isNotBlank();
        if (field == null) {
            assertThat(json.containsKey("field")).as(reply.text()).isFalse();
        } else {
            assertThat(json.getString("field", null)).as(reply.text()).isEqualTo(field);
        }
        return json;
    }
}
