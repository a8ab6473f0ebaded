package com.coze.timer.persistence;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Properties;

/**
 * The user and password of an embedded database, kept in its data folder as the Java properties
 * file {@value #FILE} ({@code user=}, {@code password=}), readable by its owner only (0600).
 * Generated on the first start; tools that reach the embedded database read it from there.
 */
public record DbCredentials(String user, String password) {

    /** The file's name in the data folder. */
    public static final String FILE = "db-credentials";
    /** The database user of an embedded database. */
    static final String EMBEDDED_USER = "coze_timer";

    public DbCredentials {
        if (!user.matches("[A-Za-z0-9_]{1,32}") || !password.matches("[A-Za-z0-9_-]{16,128}")) {
            throw new IllegalArgumentException("database credentials must be a plain user name and a 16-128 character password");
        }
    }

    /** The credentials kept in {@code dataFolder}, if there are any. */
    public static Optional<DbCredentials> read(Path dataFolder) {
        Path file = dataFolder.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        String user = properties.getProperty("user");
        String password = properties.getProperty("password");
        if (user == null || password == null) {
            throw new IllegalStateException(file + " lacks user= or password=");
        }
        return Optional.of(new DbCredentials(user.trim(), password.trim()));
    }

    /** The credentials kept in {@code dataFolder}; on first use new ones, generated and written there (0600). */
    static DbCredentials readOrCreate(Path dataFolder) {
        return read(dataFolder).orElseGet(() -> {
            byte[] secret = new byte[24];
            new SecureRandom().nextBytes(secret);
            DbCredentials created = new DbCredentials(EMBEDDED_USER, Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
            created.writeTo(dataFolder.resolve(FILE));
            return created;
        });
    }

    private void writeTo(Path file) {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        try {
            Path partial = Files.createTempFile(file.getParent(), FILE, ".partial",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (Writer writer = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                properties.store(writer, "The embedded database's login, generated on first start");
            }
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    @Override
    public String toString() {
        return "DbCredentials[user=" + user + "]";
    }
}
