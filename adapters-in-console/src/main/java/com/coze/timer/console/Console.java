package com.coze.timer.console;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.staticcontent.StaticContentService;

/**
 * The operator console: static pages, served from this jar at {@code /console/}, that sign in with
 * an API token and call the REST API with it like any other client; the server adds nothing the API
 * does not already allow. Its libraries come from WebJars on the class path, under
 * {@code /console/lib/<name>/<version>/}; swagger-ui shows the OpenAPI document at {@code /console/api/}.
 *
 * <p>Every console response carries {@link #CONTENT_SECURITY_POLICY} (scripts only from the service
 * itself, none inline; calls only to it; no framing), no referrer, and no caching without
 * revalidation. {@code /} redirects to the console.
 */
public final class Console {

    /** Where the console lives. */
    public static final String PATH = "/console";

    /** The pages' policy: nothing but the service's own files, no inline script, no framing. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; "
            + "frame-ancestors 'none'";

    private static final HeaderName CSP = HeaderNames.create("Content-Security-Policy");
    private static final HeaderName REFERRER_POLICY = HeaderNames.create("Referrer-Policy");
    private static final HeaderName CONTENT_TYPE_OPTIONS = HeaderNames.create("X-Content-Type-Options");

    private Console() {
    }

    /** Adds the console's routes: the redirects, its headers, its files and its libraries. */
    public static void routing(HttpRouting.Builder routing) {
        routing.get("/", (req, res) -> redirect(res, PATH + "/"))
                .get(PATH, (req, res) -> redirect(res, PATH + "/"))
                .get(PATH + "/api", (req, res) -> redirect(res, PATH + "/api/index.html"))
                .get(PATH + "/api/", (req, res) -> redirect(res, PATH + "/api/index.html"))
                .any(PATH + "/*", Console::securityHeaders)
                .register(PATH + "/lib", StaticContentService.builder("META-INF/resources/webjars").build())
                .register(PATH, StaticContentService.builder("console").welcomeFileName("index.html").build());
    }

    private static void securityHeaders(ServerRequest req, ServerResponse res) {
        res.header(CSP, CONTENT_SECURITY_POLICY);
        res.header(REFERRER_POLICY, "no-referrer");
        res.header(CONTENT_TYPE_OPTIONS, "nosniff");
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        res.next();
    }

    private static void redirect(ServerResponse res, String location) {
        res.status(Status.FOUND_302);
        res.header(HeaderNames.LOCATION, location);
        res.send();
    }
}
