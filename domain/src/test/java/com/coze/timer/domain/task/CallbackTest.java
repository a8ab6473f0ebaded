package com.coze.timer.domain.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.coze.timer.domain.InvalidArgument;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CallbackTest {

    private static final URI ENDPOINT = URI.create("https://api.example.com/execute");

    private static Callback withEndpoint(String url) {
        return new Callback(URI.create(url), HttpMethod.POST, Map.of(), Optional.empty());
    }

    private static Callback withHeaders(Map<String, String> headers) {
        return new Callback(ENDPOINT, HttpMethod.POST, headers, Optional.empty());
    }

    @Test
    void givenAnHttpsEndpoint_thenTheCallbackIsBuilt() {
        Callback callback = new Callback(ENDPOINT, HttpMethod.PUT, Map.of("Authorization", "Bearer t"), Optional.of("{}"));

        assertThat(callback.endpoint()).isEqualTo(ENDPOINT);
        assertThat(callback.method()).isEqualTo(HttpMethod.PUT);
        assertThat(callback.headers()).containsEntry("Authorization", "Bearer t");
        assertThat(callback.body()).contains("{}");
    }

    @Test
    void givenAPlainHttpEndpointWithAPort_thenItIsAccepted() {
        assertThat(withEndpoint("http://api.example.com:8080/hook?x=1").endpoint().getPort()).isEqualTo(8080);
    }

    @Test
    void givenNoMethodHeadersOrBody_thenItIsAPostWithNeither() {
        Callback callback = new Callback(ENDPOINT, null, null, null);

        assertThat(callback.method()).isEqualTo(HttpMethod.POST);
        assertThat(callback.headers()).isEmpty();
        assertThat(callback.body()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://api.example.com/file", "file:///etc/passwd", "javascript:alert(1)", "mailto:ops@example.com",
        "gopher://api.example.com/", "/relative/path"})
    void givenANonHttpEndpoint_thenItIsRefusedOnHttpEndpoint(String url) {
        assertRefusedOn("http_endpoint", () -> withEndpoint(url));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http:///path", "https://exa_mple.com/hook", "http:/path"})
    void givenAnEndpointWithoutAHost_thenItIsRefusedOnHttpEndpoint(String url) {
        assertRefusedOn("http_endpoint", () -> withEndpoint(url));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://user:secret@api.example.com/hook", "https://user@api.example.com/hook"})
    void givenCredentialsInTheUrl_thenTheyAreRefusedOnHttpEndpoint(String url) {
        assertRefusedOn("http_endpoint", () -> withEndpoint(url));
    }

    @Test
    void givenNoEndpoint_thenItIsRefusedOnHttpEndpoint() {
        assertRefusedOn("http_endpoint", () -> new Callback(null, HttpMethod.POST, Map.of(), Optional.empty()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Host", "host", "Content-Length", "Transfer-Encoding", "Connection", "X-Timer-Task-Id",
        "x-timer-execution-id", "X-Timer-Scheduled-Time", "X-TIMER-Anything", "webhook-id", "Webhook-Timestamp",
        "webhook-signature"})
    void givenAHeaderTheServiceSets_thenItIsRefusedNamingThatHeader(String name) {
        assertRefusedOn("headers." + name, () -> withHeaders(Map.of(name, "value")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"line\r\nX-Injected: yes", "line\nbreak", "carriage\rreturn", "nul\u0000byte"})
    void givenAHeaderValueWithALineBreak_thenItIsRefusedNamingThatHeader(String value) {
        assertRefusedOn("headers.X-Custom", () -> withHeaders(Map.of("X-Custom", value)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"caf\u00e9", "bell\u0007", "escape\u001b[0m", "delete\u007f", "emoji \ud83d\ude00"})
    void givenAHeaderValueTheClientCannotSend_thenItIsRefusedNamingThatHeader(String value) {
        assertRefusedOn("headers.X-Custom", () -> withHeaders(Map.of("X-Custom", value)));
    }

    @Test
    void aHeaderValueWithSpacesTabsAndPunctuationIsSendable() {
        assertThat(withHeaders(Map.of("X-Custom", "a b\tc;d=\"e\", ~!")).headers()).containsKey("X-Custom");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bad Header", "", "X-Caf\u00e9", "Colon:Name", "New\nLine"})
    void givenAnInvalidHeaderName_thenItIsRefusedOnHeaders(String name) {
        assertRefusedOn("headers", () -> withHeaders(Map.of(name, "value")));
    }

    @Test
    void givenANullHeaderValue_thenItIsRefusedNamingThatHeader() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Custom", null);

        assertRefusedOn("headers.X-Custom", () -> withHeaders(headers));
    }

    @Test
    void givenHeadersLargerThanTheLimit_thenTheyAreRefusedOnHeaders() {
        assertRefusedOn("headers", () -> withHeaders(Map.of("X-Big", "a".repeat(Callback.MAX_HEADERS_BYTES))));
    }

    @Test
    void givenHeadersJustWithinTheLimit_thenTheyAreAccepted() {
        String value = "a".repeat(Callback.MAX_HEADERS_BYTES - "X-Big".length());

        assertThat(withHeaders(Map.of("X-Big", value)).headers()).containsKey("X-Big");
    }

    @Test
    void theHeadersKeepTheUsersOrderAndCannotBeChanged() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-B", "2");
        headers.put("X-A", "1");
        headers.put("Accept", "application/json");

        Callback callback = withHeaders(headers);
        headers.put("X-C", "3");

        assertThat(callback.headers()).containsExactly(Map.entry("X-B", "2"), Map.entry("X-A", "1"),
                Map.entry("Accept", "application/json"));
        assertThatThrownBy(() -> callback.headers().put("X-D", "4")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void maskedHeadersHideSecretsButKeepTheRest() {
        Callback callback = withHeaders(Map.of("Authorization", "Bearer abc", "Content-Type", "application/json"));

        assertThat(callback.maskedHeaders()).containsEntry("Authorization", "Bearer ******")
                .containsEntry("Content-Type", "application/json");
        assertThat(callback.headers()).containsEntry("Authorization", "Bearer abc");
    }

    private static void assertRefusedOn(String field, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidArgument.class, e -> assertThat(e.field()).isEqualTo(field));
    }
}
