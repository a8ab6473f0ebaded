package com.coze.timer.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The embedded mode's data folder: the MariaDB files and login ({@code mariadb/},
 * {@code db-credentials}, kept by {@code EmbeddedMariaDb}), the generated encryption key, the first
 * admin token, and the lock of the service that uses it. Secret files are created readable by
 * their owner only (mode 0600); the embedded database makes the folder itself 0700.
 */
final class DataFolder {

    static final String ENCRYPTION_KEY_FILE = "encryption.key";
    static final String ADMIN_TOKEN_FILE = "admin-token";
    static final String DB_PORT_FILE = "mariadb/port";
    static final String SERVICE_LOCK_FILE = "service.lock";

    private final Path root;

    /** The folder at {@code root}; it is created when something is first written to it. */
    DataFolder(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    Path root() {
        return root;
    }

    /** The encryption key kept in the folder, generated (32 random bytes) on first use. */
    byte[] encryptionKey() {
        Path file = root.resolve(ENCRYPTION_KEY_FILE);
        if (Files.exists(file)) {
            return Base64.getDecoder().decode(read(file).trim());
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        writeSecret(file, Base64.getEncoder().encodeToString(key) + "\n");
        return key;
    }

    /** Writes the first admin token to {@code admin-token} (0600) and returns the file. */
    Path writeAdminToken(String token) {
        Path file = root.resolve(ADMIN_TOKEN_FILE);
        writeSecret(file, token + "\n");
        return file;
    }

    /**
     * Holds the folder for the service of this process until closed: a second service on the same
     * folder is refused at once, and a lock found free means that no live service uses the folder
     * (the operating system lets go of it when its holder dies, even by kill -9).
     */
    AutoCloseable lockForService() {
        Path file = root.resolve(SERVICE_LOCK_FILE);
        FileChannel channel;
        boolean locked = false;
        try {
            Files.createDirectories(root);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file, e);
        }
        try {
            locked = channel.tryLock() != null;
        } catch (OverlappingFileLockException e) {
            // held by another service of this process
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot lock " + file, e);
        }
        if (!locked) {
            closeQuietly(channel);
            throw new IllegalStateException("another Coze Timer is running on the data folder " + root
                    + "; stop it, or give this one its own TIMER_DATA_DIR");
        }
        return channel::close; // closing the channel releases the lock
    }

    /** The port the embedded database listened on when last started, if known. */
    Optional<Integer> lastDbPort() {
        Path file = root.resolve(DB_PORT_FILE);
        try {
            return Files.exists(file) ? Optional.of(Integer.parseInt(read(file).trim())) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    void rememberDbPort(int port) {
        try {
            Files.writeString(root.resolve(DB_PORT_FILE), port + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + root.resolve(DB_PORT_FILE), e);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing held that closing could release
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static void writeSecret(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
