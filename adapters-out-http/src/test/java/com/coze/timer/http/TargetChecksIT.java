package com.coze.timer.http;

import static com.coze.timer.http.Fires.aFire;
import static com.coze.timer.http.Senders.sendAndWait;
import static org.assertj.core.api.Assertions.assertThat;

import com.coze.timer.application.port.out.CallbackSender.CallbackResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TargetChecksIT {

    private CallbackServer server;
    private OkHttpCallbackSender sender;

    @BeforeEach
    void start() throws Exception {
        server = new CallbackServer();
        sender = new OkHttpCallbackSender(Senders.loopback().allowPrivateTargets(false).build());
    }

    @AfterEach
    void stop() throws Exception {
        sender.close();
        server.close();
    }

    @Test
    void aHostnameThatResolvesToAPrivateAddressIsRefused() throws Exception {
        CallbackResult result = sendAndWait(sender, aFire().to(server.localhostUrl("/")).build());

        assertThat(result.success()).isFalse();
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(result.error()).get().asString()
                .matches("localhost resolves to private address .+; private targets are not allowed");
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void aLiteralLoopbackAddressIsRefusedWhenPrivateTargetsAreNotAllowed() throws Exception {
        CallbackResult result = sendAndWait(sender, aFire().to(server.url("/")).build());

        assertThat(result.success()).isFalse();
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(result.error()).hasValue(
                "address 127.0.0.1 is loopback, private or link-local; private targets are not allowed");
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void aLiteralIpv6LoopbackIsRefusedToo() throws Exception {
        CallbackResult result = sendAndWait(sender, aFire().to("http://[::1]:9/").build());

        assertThat(result.error()).get().asString().contains("private targets are not allowed");
        assertThat(result.attempts()).isEqualTo(1);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"http://[64:ff9b::a9fe:a9fe]:9/latest/meta-data/",
        "http://[2002:7f00:1::]:9/", "http://[::ffff:0:7f00:1]:9/", "http://198.18.0.1:9/", "http://192.0.0.170:9/"})
    void anAddressThatEmbedsOrIsANonGlobalSpecialPurposeOneIsRefusedAtCallTime(String url) throws Exception {
        CallbackResult result = sendAndWait(sender, aFire().to(url).build());

        assertThat(result.error()).get().asString().contains("private targets are not allowed");
        assertThat(result.attempts()).isEqualTo(1);
    }
}
