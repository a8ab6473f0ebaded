package com.coze.timer.bootstrap;

import io.helidon.config.Config;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * The service's settings, read once from {@code application.yaml} and the environment. Checks
 * values as it reads them, so that a bad setting stops the start with a message naming its
 * environment variable rather than failing later.
 */
record TimerSettings(
        Mode mode,
        Path dataDir,
        int embeddedDbPort,
        String dbUrl,
        String dbUser,
        String dbPassword,
        int dbPoolSize,
        Optional<byte[]> encryptionKey,
        boolean allowPrivateTargets,
        long maxActiveTasksPerUser,
        long maxBodyBytes) {

    enum Mode { EMBEDDED, CLUSTER }

    static TimerSettings from(Config root) {
        Config timer = root.get("timer");
        Mode mode = mode(timer.get("mode").asString().orElse("embedded"));
        String dbUrl = timer.get("db.url").asString().orElse("");
        if (mode == Mode.CLUSTER && dbUrl.isBlank()) {
            throw new SettingsException("TIMER_MODE=cluster needs TIMER_DB_URL (e.g. jdbc:mysql://db:3306/coze_timer)");
        }
        return new TimerSettings(mode,
                Path.of(timer.get("data.dir").asString().orElse("./data")),
                timer.get("embedded.db.port").asInt().orElse(0),
                dbUrl,
                timer.get("db.user").asString().orElse(""),
                timer.get("db.password").asString().orElse(""),
                positive(timer.get("db.pool.size").asInt().orElse(20), "TIMER_DB_POOL_SIZE"),
                key(timer.get("encryption.key").asString().orElse("")),
                timer.get("allow.private.targets").asBoolean().orElse(false),
                positive(timer.get("tasks.max.active").asLong().orElse(10_000L), "TIMER_TASKS_MAX_ACTIVE"),
                positive(timer.get("api.max.body").asLong().orElse(1_048_576L), "TIMER_API_MAX_BODY"));
    }

    private static Mode mode(String text) {
        try {
            return Mode.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new SettingsException("TIMER_MODE must be embedded or cluster, not '" + text + "'");
        }
    }

    private static Optional<byte[]> key(String base64) {
        if (base64.isBlank()) {
            return Optional.empty();
        }
        try {
            byte[] key = Base64.getDecoder().decode(base64.trim());
            if (key.length != 32) {
                throw new SettingsException("TIMER_ENCRYPTION_KEY must be base64 of 32 bytes, not " + key.length);
            }
            return Optional.of(key);
        } catch (IllegalArgumentException e) {
            throw new SettingsException("TIMER_ENCRYPTION_KEY is not valid base64");
        }
    }

    private static <N extends Number> N positive(N value, String name) {
        if (value.longValue() < 1) {
            throw new SettingsException(name + " must be >= 1");
        }
        return value;
    }

    /** A setting that makes starting impossible; its message names the variable to fix. */
    static final class SettingsException extends RuntimeException {
        SettingsException(String message) {
            super(message);
        }
    }
}
