package com.coze.timer.http;

import com.coze.timer.application.port.out.CallbackSender.CallbackRequest;
import com.coze.timer.application.port.out.CallbackSender.CallbackResult;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Configurations for tests against a loopback server: private targets allowed, short backoffs. */
final class Senders {

    private Senders() {
    }

    static HttpCallbackConfig.Builder loopback() {
        return HttpCallbackConfig.builder()
                .allowPrivateTargets(true)
                .initialBackoff(Duration.ofMillis(50))
                .maxBackoff(Duration.ofMillis(500))
                .connectTimeout(Duration.ofSeconds(2))
                .transferTimeout(Duration.ofSeconds(5));
    }

    /** Sends one fire and waits (in the test only) for its result. */
    static CallbackResult sendAndWait(OkHttpCallbackSender sender, CallbackRequest fire) throws Exception {
        return sender.send(fire).result().get(10, TimeUnit.SECONDS);
    }
}
