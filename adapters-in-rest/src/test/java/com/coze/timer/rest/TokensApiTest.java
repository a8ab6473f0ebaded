package com.coze.timer.rest;

import static com.coze.timer.rest.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.coze.timer.application.auth.ApiToken;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/tokens}, {@code DELETE /api/v1/tokens/{token_id}} and a user's own tokens. */
@ServerTest
class TokensApiTest {

    private static final RestFixture FIXTURE = new RestFixture();
    private final Http1Client client;

    TokensApiTest(Http1Client client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        FIXTURE.routing(routing);
    }

    @Test
    void anAdminListsEveryTokenWithoutItsSecret() {
        ApiClient.Reply reply = new ApiClient(client, FIXTURE.adminToken).get("/api/v1/tokens");

        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        JsonObject first = reply.json().getJsonArray("tokens").getJsonObject(0);
        assertThat(first.keySet()).containsExactlyInAnyOrder("token_id", "user_id", "admin", "label", "created_at", "last_used_at",
                "expires_at", "revoked_at");
        assertThat(reply.json().getInt("total")).isGreaterThanOrEqualTo(3);
        assertThat(reply.text()).doesNotContain(FIXTURE.userToken.substring(4)).doesNotContain(FIXTURE.adminToken.substring(4))
                .doesNotContain(FIXTURE.tokens.all().getFirst().tokenHash());
    }

    @Test
    void aUserListsOnlyItsOwnTokensAndNotAnotherUsers() {
        ApiClient user = new ApiClient(client, FIXTURE.userToken);

        ApiClient.Reply own = user.get("/api/v1/tokens");
        assertThat(own.json().getJsonArray("tokens")).allSatisfy(t -> assertThat(t.asJsonObject().getInt("user_id")).isEqualTo(1001));
        assertThat(user.get("/api/v1/users/1001/tokens").status()).isEqualTo(200);
        assertError(user.get("/api/v1/users/2002/tokens"), 403, "forbidden", "user_id");
        assertError(user.get("/api/v1/tokens?user_id=2002"), 403, "forbidden", "user_id");
        assertError(user.get("/api/v1/tokens?user_id=x"), 400, "invalid_argument", "user_id");
    }

    @Test
    void aRevokedTokenIsRefusedAtOnceAndAUserCannotRevokeAnotherUsers() {
        String doomed = FIXTURE.tokenService.mint(RestFixture.USER, false, "doomed");
        long id = idOf("doomed");
        ApiClient other = new ApiClient(client, FIXTURE.otherToken);
        assertError(other.delete("/api/v1/tokens/" + id), 404, "not_found", null);

        ApiClient.Reply revoked = new ApiClient(client, FIXTURE.userToken).delete("/api/v1/tokens/" + id);

        assertThat(revoked.status()).as(revoked.text()).isEqualTo(200);
        assertThat(revoked.json().getString("revoked_at")).isEqualTo("2026-04-22T10:00:00Z");
        assertError(new ApiClient(client, doomed).get("/api/v1/users/1001/tasks"), 401, "unauthorized", null);
    }

    @Test
    void anExpiredTokenIsRefused() {
        String shortLived = FIXTURE.tokenService.mint(RestFixture.USER, false, "short", java.util.Optional.of(Duration.ofHours(1)));
        ApiClient api = new ApiClient(client, shortLived);
        assertThat(api.get("/api/v1/users/1001/tasks").status()).isEqualTo(200);

        FIXTURE.clock.advance(Duration.ofHours(1));
        try {
            assertError(api.get("/api/v1/users/1001/tasks"), 401, "unauthorized", null);
        } finally {
            FIXTURE.reset();
        }
    }

    @Test
    void aBadTokenIdIsA400AndAnUnknownOneA404() {
        ApiClient admin = new ApiClient(client, FIXTURE.adminToken);

        assertError(admin.delete("/api/v1/tokens/abc"), 400, "invalid_argument", "token_id");
        assertError(admin.delete("/api/v1/tokens/0"), 400, "invalid_argument", "token_id");
        assertError(admin.delete("/api/v1/tokens/99999"), 404, "not_found", null);
    }

    private static long idOf(String label) {
        return FIXTURE.tokens.list(OptionalLong.empty()).stream().filter(t -> t.label().orElse("").equals(label))
                .mapToLong(ApiToken::tokenId).findFirst().orElseThrow();
    }
}
