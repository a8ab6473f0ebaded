package com.coze.timer.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.coze.timer.persistence.EmbeddedMariaDb;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigValuesTest {

    private static Config config(Map<String, String> values) {
        return Config.builder().addSource(ConfigSources.create(values)).addSource(ConfigSources.classpath("application.yaml"))
                .disableEnvironmentVariablesSource().disableSystemPropertiesSource().build();
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "server.port             | abc   | SERVER_PORT (server.port) is 'abc'; allowed: an integer from 0 to 65535",
        "server.port             | 70000 | SERVER_PORT (server.port) is '70000'; allowed: an integer from 0 to 65535",
        "timer.embedded.db.port  | -1    | TIMER_EMBEDDED_DB_PORT (timer.embedded.db.port) is '-1'; allowed: an integer from 0 to 65535",
        "timer.embedded.db.buffer.pool | 1048576 | TIMER_EMBEDDED_DB_BUFFER_POOL (timer.embedded.db.buffer.pool) is '1048576'; allowed: a whole number of at least 16777216",
        "timer.db.pool.size      | 0     | TIMER_DB_POOL_SIZE (timer.db.pool.size) is '0'; allowed: a whole number of at least 1",
        "timer.api.max.body      | 1MB   | TIMER_API_MAX_BODY (timer.api.max.body) is '1MB'; allowed: a whole number of at least 1",
        "timer.allow.private.targets | yes | TIMER_ALLOW_PRIVATE_TARGETS (timer.allow.private.targets) is 'yes'; allowed: true or false",
        "timer.http.rate.default | -5    | TIMER_HTTP_RATE_DEFAULT (timer.http.rate.default) is '-5'; allowed: a number greater than 0",
        "timer.engine.window     | 5s    | TIMER_ENGINE_WINDOW (timer.engine.window) is '5s'; allowed: a whole number of at least 1",
        "timer.engine.grace      | -1    | TIMER_ENGINE_GRACE (timer.engine.grace) is '-1'; allowed: a whole number of at least 0",
        "timer.metrics.tasks.refresh | 0 | TIMER_METRICS_TASKS_REFRESH (timer.metrics.tasks.refresh) is '0'; allowed: a whole number of at least 1",
        "timer.logs.retention    | 7 days | TIMER_LOGS_RETENTION (timer.logs.retention) is '7 days'; allowed: a whole number of at least 1 and a unit d, h, m or s (e.g. 7d)",
        "timer.dead.letters.retention | 0d | TIMER_DEAD_LETTERS_RETENTION (timer.dead.letters.retention) is '0d'; allowed: a whole number of at least 1 and a unit d, h, m or s (e.g. 7d)",
        "timer.logs.max.per.task | 0     | TIMER_LOGS_MAX_PER_TASK (timer.logs.max.per.task) is '0'; allowed: a whole number of at least 1"})
    void aValueThatCannotBeUsedIsRefusedNamingTheVariableTheKeyTheValueAndWhatIsAllowed(String key, String value, String message) {
        Config config = config(Map.of(key, value));
        assertThatThrownBy(() -> {
            TimerSettings settings = TimerSettings.from(config);
            ComponentSettings.http(config.get("timer"), settings.allowPrivateTargets());
            ComponentSettings.engine(config.get("timer"), Optional.empty());
            ComponentSettings.grace(config.get("timer"));
            Observability.taskCountsRefresh(config.get("timer"));
            ComponentSettings.retention(config.get("timer"));
        }).isInstanceOf(TimerSettings.SettingsException.class).hasMessage(message);
    }

    @Test
    void theShippedDefaultsAreAllAccepted() {
        Config config = config(Map.of());
        TimerSettings settings = TimerSettings.from(config);
        assertThat(settings.dbPoolSize()).isEqualTo(20);
        assertThat(settings.embeddedDbBufferPool()).isEqualTo(EmbeddedMariaDb.DEFAULT_BUFFER_POOL);
        assertThat(ComponentSettings.engine(config.get("timer"), Optional.empty()).window().toMillis()).isEqualTo(5000);
    }

    @Test
    void aValueInRangeIsRead() {
        Config config = config(Map.of("timer.db.pool.size", " 7 ", "timer.allow.private.targets", "TRUE"));
        assertThat(ConfigValues.integer(config.get("timer.db.pool.size"), 20, 1, Integer.MAX_VALUE)).isEqualTo(7);
        assertThat(ConfigValues.flag(config.get("timer.allow.private.targets"), false)).isTrue();
    }

    @Test
    void retentionsArePeriodsAndUnsetMeansUnbounded() {
        var unbounded = ComponentSettings.retention(config(Map.of()).get("timer"));
        assertThat(unbounded.purges()).isFalse();
        var bounded = ComponentSettings.retention(config(Map.of("timer.logs.retention", "7d", "timer.logs.max.per.task", "1000",
                "timer.dead.letters.retention", "36h")).get("timer"));
        assertThat(bounded.logs()).contains(java.time.Duration.ofDays(7));
        assertThat(bounded.maxLogsPerTask()).hasValue(1000);
        assertThat(bounded.deadLetters()).contains(java.time.Duration.ofHours(36));
    }
}
