package com.coze.timer.http;

import static com.coze.timer.http.Fires.aFire;
import static org.assertj.core.api.Assertions.assertThat;

import com.coze.timer.application.port.out.CallbackSender.CallbackRequest;
import com.coze.timer.domain.task.HttpMethod;
import com.coze.timer.domain.task.Signing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import okhttp3.Request;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class CallbackRequestsTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw2Ahl7FbLdRc=";
    private static final Instant AT = Instant.ofEpochSecond(1614265330);

    @Test
    void theSignatureIsTheOneTheOfficialLibraryComputes() {
        // new Webhook(SECRET).sign("msg_p5jXN8AQM9LWM0D4loKWxJek", new Date(1614265330000), '{"test": 2432232314}')
        // with the npm package standardwebhooks 1.1.1
        String signature = WebhookSignature.of(List.of(SECRET), "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
                "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8));

        assertThat(signature).isEqualTo("v1,SDGyoBlmTOyi7WsIgdzfxNGLFjkuevQMDWjzqoQXZWs=");
    }

    @Test
    void everyAttemptCarriesTheExecutionIdItsOwnTimestampAndTheSignatureOverTheBodySent() throws IOException {
        Signing signing = new Signing(Optional.of(SECRET), Optional.empty(), Optional.empty());
        CallbackRequest fire = aFire().body("{\"n\":1}").signing(signing).build();
        Request template = CallbackRequests.toHttp(fire).orElseThrow();

        Request first = CallbackRequests.forAttempt(template, fire.signing(), AT);
        Request retry = CallbackRequests.forAttempt(template, fire.signing(), AT.plusSeconds(7));

        assertThat(first.header("webhook-id")).isEqualTo(fire.executionId()).isEqualTo(retry.header("webhook-id"));
        assertThat(first.header("webhook-timestamp")).isEqualTo("1614265330");
        assertThat(retry.header("webhook-timestamp")).isEqualTo("1614265337");
        assertThat(first.header("webhook-signature")).isEqualTo(WebhookSignature.of(List.of(SECRET), fire.executionId(),
                1614265330, "{\"n\":1}".getBytes(StandardCharsets.UTF_8)));
        assertThat(retry.header("webhook-signature")).isNotEqualTo(first.header("webhook-signature"));
        assertThat(first.header("X-Timer-Execution-Id")).isEqualTo(fire.executionId());
    }

    @Test
    void duringARotationBothSignaturesAreSentNewestFirstAndThenOnlyTheNewOne() {
        Signing rotated = new Signing(Optional.of(SECRET), Optional.empty(), Optional.empty()).rotate(AT);
        CallbackRequest fire = aFire().signing(rotated).build();
        Request template = CallbackRequests.toHttp(fire).orElseThrow();

        String during = CallbackRequests.forAttempt(template, fire.signing(), AT.plusSeconds(60)).header("webhook-signature");
        String later = CallbackRequests.forAttempt(template, fire.signing(), AT.plus(Signing.OVERLAP)).header("webhook-signature");

        byte[] noBody = new byte[0];
        String newOne = WebhookSignature.of(List.of(rotated.current().orElseThrow()), fire.executionId(), AT.getEpochSecond() + 60, noBody);
        String oldOne = WebhookSignature.of(List.of(SECRET), fire.executionId(), AT.getEpochSecond() + 60, noBody);
        assertThat(during).isEqualTo(newOne + " " + oldOne);
        assertThat(later.split(" ")).hasSize(1);
    }

    @Test
    void aTaskWithoutASecretIsStampedButNotSigned() {
        Request template = CallbackRequests.toHttp(aFire().build()).orElseThrow();

        Request attempt = CallbackRequests.forAttempt(template, Signing.NONE, AT);

        assertThat(attempt.header("webhook-timestamp")).isEqualTo("1614265330");
        assertThat(attempt.header("webhook-signature")).isNull();
    }

    @Test
    void givenANonJsonContentType_thenAJsonStringBodyIsSentAsTheTextItHolds() throws IOException {
        assertThat(sentBody(aFire().header("Content-Type", "text/plain; charset=utf-8").body("\"héllo \\\"you\\\"\"").build()))
                .isEqualTo("héllo \"you\"");
        assertThat(sentBody(aFire().header("content-type", "application/x-www-form-urlencoded").body("\"a=1&b=2\"").build()))
                .isEqualTo("a=1&b=2");
    }

    @Test
    void givenAJsonContentTypeOrNone_orABodyThatIsNoString_thenTheJsonTextIsSent() throws IOException {
        assertThat(sentBody(aFire().body("\"text\"").build())).isEqualTo("\"text\"");
        assertThat(sentBody(aFire().header("Content-Type", "application/json").body("\"text\"").build())).isEqualTo("\"text\"");
        assertThat(sentBody(aFire().header("Content-Type", "application/cloudevents+json").body("\"t\"").build())).isEqualTo("\"t\"");
        assertThat(sentBody(aFire().header("Content-Type", "text/plain").body("{\"a\":1}").build())).isEqualTo("{\"a\":1}");
        assertThat(CallbackRequests.toHttp(aFire().method(HttpMethod.GET).body("\"x\"").build()).orElseThrow().body()).isNull();
    }

    private static String sentBody(CallbackRequest fire) throws IOException {
        Buffer buffer = new Buffer();
        CallbackRequests.toHttp(fire).orElseThrow().body().writeTo(buffer);
        return buffer.readUtf8();
    }
}
