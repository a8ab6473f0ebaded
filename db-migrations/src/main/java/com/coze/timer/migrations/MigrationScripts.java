package com.coze.timer.migrations;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * The versioned migration scripts this build carries under {@value #LOCATION} (in a jar or a
 * folder of the class path), each with the checksum Flyway computes for it and records when it
 * applies it.
 */
final class MigrationScripts {

    static final String LOCATION = "db/migration";
    /** Flyway's default naming: V, the version (parts separated by . or _), two underscores, a description. */
    private static final Pattern VERSIONED = Pattern.compile("V([0-9][0-9._]*)__.*\\.sql");

    /** One script as Flyway's history records it. */
    record Script(String script, int checksum) {
    }

    private MigrationScripts() {
    }

    /** The scripts by version, as Flyway spells a version ({@code 1}, {@code 12}, {@code 2.1}). */
    static Map<String, Script> onClassPath() {
        Map<String, Script> scripts = new HashMap<>();
        try {
            Enumeration<URL> roots = MigrationScripts.class.getClassLoader().getResources(LOCATION);
            while (roots.hasMoreElements()) {
                addFrom(roots.nextElement(), scripts);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the migrations under " + LOCATION, e);
        }
        return scripts;
    }

    private static void addFrom(URL root, Map<String, Script> scripts) throws IOException {
        if ("jar".equals(root.getProtocol())) {
            JarURLConnection connection = (JarURLConnection) root.openConnection();
            connection.setUseCaches(false);
            try (JarFile jar = connection.getJarFile()) {
                for (JarEntry entry : jar.stream().toList()) {
                    String name = entry.getName();
                    if (name.startsWith(LOCATION + "/") && name.indexOf('/', LOCATION.length() + 1) < 0) {
                        try (InputStream in = jar.getInputStream(entry)) {
                            add(name.substring(LOCATION.length() + 1), in, scripts);
                        }
                    }
                }
            }
        } else {
            try (Stream<Path> files = Files.list(Path.of(root.toURI()))) {
                for (Path file : files.toList()) {
                    try (InputStream in = Files.newInputStream(file)) {
                        add(file.getFileName().toString(), in, scripts);
                    }
                }
            } catch (URISyntaxException e) {
                throw new IOException("cannot read " + root, e);
            }
        }
    }

    private static void add(String fileName, InputStream content, Map<String, Script> scripts) throws IOException {
        Matcher versioned = VERSIONED.matcher(fileName);
        if (versioned.matches()) {
            scripts.put(versioned.group(1).replace('_', '.'), new Script(fileName, checksum(content)));
        }
    }

    /** Flyway's checksum: a CRC-32 of the script's lines in UTF-8, without line breaks or a leading byte-order mark. */
    static int checksum(InputStream content) throws IOException {
        CRC32 crc = new CRC32();
        BufferedReader reader = new BufferedReader(new InputStreamReader(content, StandardCharsets.UTF_8), 4096);
        String line = reader.readLine();
        if (line != null && line.startsWith("\uFEFF")) {
            line = line.substring(1);
        }
        while (line != null) {
            crc.update(line.getBytes(StandardCharsets.UTF_8));
            line = reader.readLine();
        }
        return (int) crc.getValue();
    }
}
