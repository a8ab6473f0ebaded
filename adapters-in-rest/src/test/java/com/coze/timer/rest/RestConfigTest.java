package com.coze.timer.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RestConfigTest {

    @Test
    void theBodyLimitIsOneMebibyteUnlessConfigured() {
        assertThat(RestConfig.create(Config.empty().get("rest")).maxBodyBytes()).isEqualTo(1024 * 1024);
        assertThat(RestConfig.create(config(Map.of("rest.max-body-bytes", "2048")).get("rest")).maxBodyBytes()).isEqualTo(2048);
    }

    @Test
    void aLimitBelowOneByteIsRefused() {
        assertThatThrownBy(() -> new RestConfig(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void timesAreWrittenInUtcWithMillisecondsOnlyWhenThereAreSome() {
        assertThat(Times.format(java.time.Instant.parse("2026-04-22T10:00:20Z"))).isEqualTo("2026-04-22T10:00:20Z");
        assertThat(Times.format(java.time.Instant.parse("2026-04-22T10:00:20.123456789Z"))).isEqualTo("2026-04-22T10:00:20.123Z");
        assertThat(Times.format(java.time.Instant.parse("2026-04-22T10:00:20.100Z"))).isEqualTo("2026-04-22T10:00:20.100Z");
    }

    private static Config config(Map<String, String> values) {
        return Config.builder(ConfigSources.create(values)).disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource().build();
    }
}
