package com.coze.timer.bootstrap;

import com.coze.timer.persistence.EmbeddedMariaDb;
import io.helidon.config.Config;
import java.net.InetAddress;
import java.net.UnknownHostException;
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
        long embeddedDbBufferPool,
        String dbUrl,
        String dbUser,
        String dbPassword,
        int dbPoolSize,
        Optional<byte[]> encryptionKey,
        boolean allowPrivateTargets,
        long maxActiveTasksPerUser,
        long maxBodyBytes) {

    enum Mode { EMBEDDED, CLUSTER }

    private static final int MAX_PORT = 65_535;
    /** Below this MariaDB would not start (its minimum is 5 MiB, rounded to whole chunks). */
    private static final long MIN_BUFFER_POOL = 16L << 20;

    static TimerSettings from(Config root) {
        checkServer(root.get("server"));
        Config timer = root.get("timer");
        Mode mode = mode(timer.get("mode").asString().orElse("embedded"));
        String dbUrl = timer.get("db.url").asString().orElse("");
        if (mode == Mode.CLUSTER && dbUrl.isBlank()) {
            throw new SettingsException("TIMER_MODE=cluster needs TIMER_DB_URL (e.g. jdbc:mysql://db:3306/coze_timer)");
        }
        return new TimerSettings(mode,
                Path.of(timer.get("data.dir").asString().orElse("./data")),
                ConfigValues.integer(timer.get("embedded.db.port"), 0, 0, MAX_PORT),
                ConfigValues.atLeast(timer.get("embedded.db.buffer.pool"), EmbeddedMariaDb.DEFAULT_BUFFER_POOL, MIN_BUFFER_POOL),
                dbUrl,
                timer.get("db.user").asString().orElse(""),
                timer.get("db.password").asString().orElse(""),
                ConfigValues.integer(timer.get("db.pool.size"), 20, 1, Integer.MAX_VALUE),
                key(timer.get("encryption.key").asString().orElse("")),
                ConfigValues.flag(timer.get("allow.private.targets"), false),
                ConfigValues.atLeast(timer.get("tasks.max.active"), 10_000L, 1),
                ConfigValues.atLeast(timer.get("api.max.body"), 1_048_576L, 1));
    }

    /** The web server's port and address, which Helidon itself reads only once storage has started. */
    private static void checkServer(Config server) {
        ConfigValues.integer(server.get("port"), 8080, 0, MAX_PORT);
        Config host = server.get("host");
        String name = host.asString().orElse("0.0.0.0").trim();
        try {
            InetAddress.getByName(name);
        } catch (UnknownHostException e) {
            throw ConfigValues.refused(host, name, "an IP address of this machine (0.0.0.0 for all, 127.0.0.1 for loopback only)"
                    + " or a host name that resolves");
        }
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

    /** A setting that makes starting impossible; its message names the variable to fix. */
    static final class SettingsException extends RuntimeException {
        SettingsException(String message) {
            super(message);
        }
    }
}
