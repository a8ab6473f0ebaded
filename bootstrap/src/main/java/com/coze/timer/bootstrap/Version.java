package com.coze.timer.bootstrap;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code coze-timer --version}: the build's version, written into the jar by resource filtering. */
final class Version implements IVersionProvider {

    static final String RESOURCE = "/coze-timer-version.properties";

    @Override
    public String[] getVersion() {
        return new String[] {"coze-timer " + current()};
    }

    static String current() {
        try (InputStream in = Version.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the build");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
