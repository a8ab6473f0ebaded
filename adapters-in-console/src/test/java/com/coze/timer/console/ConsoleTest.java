package com.coze.timer.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webclient.api.ClientResponseTyped;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The console's routes and headers; what its pages do is tested in a real browser (ConsoleBrowserIT). */
@ServerTest
class ConsoleTest {

    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>|\\son[a-z]+=", Pattern.CASE_INSENSITIVE);

    private final Http1Client client;

    ConsoleTest(Http1Client client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        Console.routing(routing);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/console"})
    void theRootAndTheBarePathRedirectToTheConsole(String path) {
        ClientResponseTyped<String> res = get(path);

        assertThat(res.status()).isEqualTo(Status.FOUND_302);
        assertThat(res.headers().first(HeaderNames.LOCATION)).hasValue("/console/");
    }

    @Test
    void theApiPathRedirectsToSwaggerUi() {
        assertThat(get("/console/api").headers().first(HeaderNames.LOCATION))
                .hasValue("/console/api/index.html");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/console/", "/console/js/app.js", "/console/api/index.html",
        "/console/lib/uplot/1.6.30/dist/uPlot.esm.js", "/console/lib/swagger-ui/5.34.1/swagger-ui-bundle.js"})
    void everyConsoleFileIsServedWithThePolicyThatForbidsInlineScript(String path) {
        ClientResponseTyped<String> res = get(path);

        assertThat(res.status()).isEqualTo(Status.OK_200);
        assertThat(res.headers().first(HeaderNames.create("Content-Security-Policy"))).hasValueSatisfying(csp ->
                assertThat(csp).contains("script-src 'self';", "default-src 'none'", "frame-ancestors 'none'").doesNotContain("unsafe"));
        assertThat(res.headers().first(HeaderNames.create("X-Content-Type-Options"))).hasValue("nosniff");
        assertThat(res.headers().first(HeaderNames.create("Referrer-Policy"))).hasValue("no-referrer");
    }

    @ParameterizedTest
    @ValueSource(strings = {"console/index.html", "console/api/index.html"})
    void thePagesHaveNoInlineScriptOrEventHandlerAttributes(String resource) throws IOException {
        try (InputStream in = Console.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            String html = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(INLINE_SCRIPT.matcher(html).find()).as(resource).isFalse();
        }
    }

    @Test
    void aMissingFileIsA404() {
        assertThat(get("/console/nope.js").status()).isEqualTo(Status.NOT_FOUND_404);
    }

    private ClientResponseTyped<String> get(String path) {
        return client.get(path).followRedirects(false).request(String.class);
    }
}
