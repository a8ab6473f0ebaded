package com.coze.timer.domain.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.coze.timer.domain.InvalidArgument;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CallbackTargetsTest {

    private static URI endpoint(String host) {
        return URI.create("https://" + host + "/execute");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "10.0.0.1", "10.255.255.254", "172.16.0.1", "172.31.255.255",
        "192.168.1.1", "169.254.169.254", "[::1]", "[fe80::1]", "[fc00::1]", "[fd12:3456::1]", "[::ffff:127.0.0.1]",
        "[::ffff:10.0.0.1]", "[::127.0.0.1]", "0.0.0.0", "[::]", "localhost", "LOCALHOST", "x.localhost", "printer.local",
        "metadata.google.internal", "100.64.0.1", "100.127.255.254", "224.0.0.1", "255.255.255.255", "2130706433", "localhost.", "metadata.google.internal."})
    void givenAPrivateLoopbackOrLinkLocalHost_thenItIsRefusedOnHttpEndpoint(String host) {
        assertRefusedOnHttpEndpoint(() -> CallbackTargets.checkHost(endpoint(host), false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "api.example.com", "172.32.0.1", "172.15.255.255", "100.63.255.255", "100.128.0.1",
        "192.169.0.1", "[2001:4860:4860::8888]", "[::ffff:8.8.8.8]", "localhost.example.com", "10.example.com"})
    void givenAPublicHost_thenItIsAccepted(String host) {
        assertThatCode(() -> CallbackTargets.checkHost(endpoint(host), false)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.0.0.1", "192.168.1.1", "169.254.169.254", "[::1]", "localhost",
        "metadata.google.internal"})
    void givenPrivateTargetsAllowed_thenAPrivateHostIsAccepted(String host) {
        assertThatCode(() -> CallbackTargets.checkHost(endpoint(host), true)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://127.1/x", "https://127.0.0.1./x", "https:///x"})
    void givenAUriWithoutAHost_thenItIsRefusedOnHttpEndpointRatherThanFailing(String uri) {
        assertThat(URI.create(uri).getHost()).as("java.net.URI reads no host here").isNull();

        assertRefusedOnHttpEndpoint(() -> CallbackTargets.checkHost(URI.create(uri), false));
    }

    @Test
    void givenAHostWithAPort_thenTheAddressIsStillChecked() {
        assertRefusedOnHttpEndpoint(() -> CallbackTargets.checkHost(URI.create("http://127.0.0.1:8080/x"), false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.1.2.3", "172.20.0.1", "192.168.0.10", "169.254.169.254", "0.0.0.0",
        "100.64.0.1", "240.0.0.1", "::1", "fe80::1", "fc00::1", "::", "ff02::1", "::ffff:192.168.0.1"})
    void givenAResolvedAddressInAForbiddenRange_thenItIsForbidden(String literal) throws UnknownHostException {
        assertThat(CallbackTargets.isForbidden(InetAddress.getByName(literal))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "93.184.215.14", "2001:4860:4860::8888", "2606:4700:4700::1111"})
    void givenAResolvedPublicAddress_thenItIsNotForbidden(String literal) throws UnknownHostException {
        assertThat(CallbackTargets.isForbidden(InetAddress.getByName(literal))).isFalse();
    }

    @Test
    void givenAHostNameThatResolvedToAPrivateAddress_thenTheResolvedAddressIsForbidden() throws UnknownHostException {
        InetAddress resolved = InetAddress.getByAddress("rebind.example.com", new byte[] {10, 0, 0, 7});

        assertThat(CallbackTargets.isForbidden(resolved)).isTrue();
    }

    @Test
    void givenAnIpv4MappedAddressGivenAsSixteenBytes_thenItIsJudgedByTheIpv4Inside() throws UnknownHostException {
        byte[] mappedLoopback = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 127, 0, 0, 1};
        byte[] compatiblePrivate = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 10, 0, 0, 1};

        assertThat(CallbackTargets.isForbidden(InetAddress.getByAddress(mappedLoopback))).isTrue();
        assertThat(CallbackTargets.isForbidden(InetAddress.getByAddress(compatiblePrivate))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"64:ff9b::a9fe:a9fe", "64:ff9b::7f00:1", "64:ff9b::10.0.0.1", "2002:a9fe:a9fe::1", "2002:7f00:1::",
        "2002:c0a8:101::1", "::ffff:0:a9fe:a9fe", "::ffff:0:127.0.0.1", "64:ff9b:1::8.8.8.8", "198.18.0.1", "198.19.255.255",
        "192.0.0.8", "192.0.2.1", "198.51.100.7", "203.0.113.9", "192.88.99.1", "100::1", "2001:db8::1", "2001::1",
        "2001:2::1", "3fff::1", "fec0::1", "5f00::1"})
    void givenAnEmbeddedPrivateIpv4OrANonGlobalSpecialPurposeAddress_thenItIsForbidden(String literal) throws UnknownHostException {
        assertThat(CallbackTargets.isForbidden(InetAddress.getByName(literal))).as(literal).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"64:ff9b::808:808", "2002:808:808::1", "::ffff:0:8.8.8.8", "198.20.0.1", "198.17.255.255",
        "192.0.1.1", "2a00:1450:4001::1"})
    void givenAnEmbeddedPublicIpv4OrANeighbouringPublicAddress_thenItIsNotForbidden(String literal) throws UnknownHostException {
        assertThat(CallbackTargets.isForbidden(InetAddress.getByName(literal))).as(literal).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[64:ff9b::a9fe:a9fe]", "[2002:a9fe:a9fe::]", "[::ffff:0:a9fe:a9fe]", "198.18.0.1", "192.0.0.1"})
    void givenAnEndpointHostThatEmbedsOrIsASpecialPurposeAddress_thenItIsRefusedOnHttpEndpoint(String host) {
        assertRefusedOnHttpEndpoint(() -> CallbackTargets.checkHost(endpoint(host), false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://api.example.com:0/", "https://api.example.com:65536/", "https://api.example.com:70000/",
        "http://8.8.8.8:99999/"})
    void givenAPortOutsideTheValidRange_thenItIsRefusedOnHttpEndpoint(String url) {
        assertRefusedOnHttpEndpoint(() -> CallbackTargets.parse(url));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://api.example.com:1/", "https://api.example.com:65535/", "https://api.example.com/"})
    void givenAPortInsideTheValidRange_thenItIsAccepted(String url) {
        assertThatCode(() -> CallbackTargets.parse(url)).doesNotThrowAnyException();
    }

    @Test
    void givenAnHttpsUrl_thenItIsParsed() {
        assertThat(CallbackTargets.parse("https://api.example.com/execute")).isEqualTo(URI.create("https://api.example.com/execute"));
    }

    @Test
    void givenSurroundingWhitespace_thenItIsTrimmed() {
        assertThat(CallbackTargets.parse("  https://api.example.com/execute ").getHost()).isEqualTo("api.example.com");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "ftp://api.example.com/", "file:///etc/passwd", "api.example.com/execute", "http:///path",
        "https://user:pw@api.example.com/", "https://api example.com/", "http://[::1/", "https://exa_mple.com/"})
    void givenAnUnusableUrl_thenItIsRefusedOnHttpEndpoint(String text) {
        assertRefusedOnHttpEndpoint(() -> CallbackTargets.parse(text));
    }

    @Test
    void givenAUrlLongerThanTheLimit_thenItIsRefusedOnHttpEndpoint() {
        String url = "https://api.example.com/" + "a".repeat(CallbackTargets.MAX_URL_LENGTH);

        assertRefusedOnHttpEndpoint(() -> CallbackTargets.parse(url));
    }

    @Test
    void givenTheSchemeInCapitals_thenItIsAccepted() {
        assertThatCode(() -> CallbackTargets.requireAllowedUri(URI.create("HTTPS://api.example.com/"))).doesNotThrowAnyException();
    }

    private static void assertRefusedOnHttpEndpoint(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidArgument.class, e -> assertThat(e.field()).isEqualTo("http_endpoint"));
    }
}
