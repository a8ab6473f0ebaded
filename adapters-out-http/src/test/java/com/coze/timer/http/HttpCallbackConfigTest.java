package com.coze.timer.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpCallbackConfigTest {

    @Test
    void defaultsAreThoseOfTheContract() {
        HttpCallbackConfig config = HttpCallbackConfig.defaults();

        assertThat(config.maxConnections()).isEqualTo(200);
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.transferTimeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(config.maxRetries()).isEqualTo(3);
        assertThat(config.initialBackoff()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.allowPrivateTargets()).isFalse();
        assertThat(config.maxResponseBytes()).isEqualTo(65_536);
    }

    @Test
    void perHostRatesAreLookedUpByLowerCaseHost() {
        HttpCallbackConfig config = HttpCallbackConfig.builder()
                .defaultRatePerHost(50).perHostRates(Map.of("API.Example.com", 2.5)).build();

        assertThat(config.ratePerSecond("api.example.com")).isEqualTo(2.5);
        assertThat(config.ratePerSecond("other.example.com")).isEqualTo(50);
    }

    @Test
    void nonsenseIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> HttpCallbackConfig.builder().maxRetries(-1).build());
        assertThatIllegalArgumentException().isThrownBy(() -> HttpCallbackConfig.builder().defaultRatePerHost(0).build());
        assertThatIllegalArgumentException().isThrownBy(
                () -> HttpCallbackConfig.builder().perHostRates(Map.of("a", -1.0)).build());
        assertThatIllegalArgumentException().isThrownBy(
                () -> HttpCallbackConfig.builder().transferTimeout(Duration.ZERO).build());
    }
}
