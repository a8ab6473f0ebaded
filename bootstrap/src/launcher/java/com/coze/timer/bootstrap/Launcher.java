package com.coze.timer.bootstrap;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The jar's Main-Class, compiled for Java 8 so that an older runtime reads it: on a JRE older than
 * 21 it says so in one line and exits 1, instead of an {@code UnsupportedClassVersionError}; on 21
 * or newer it hands over to {@link Main} (through a method handle: this class cannot link against
 * classes compiled for 21).
 */
public final class Launcher {

    static final int REQUIRED = 21;

    private Launcher() {
    }

    public static void main(String[] args) throws Throwable {
        int running = feature(System.getProperty("java.specification.version"));
        if (running < REQUIRED) {
            System.err.println("coze-timer: Coze Timer needs JDK " + REQUIRED + " or newer (this is "
                    + System.getProperty("java.specification.version") + "). Run it with the java of a JDK " + REQUIRED
                    + "+ instead of " + System.getProperty("java.home") + ".");
            System.exit(1);
        }
        MethodHandle main = MethodHandles.publicLookup().findStatic(Class.forName("com.coze.timer.bootstrap.Main"), "main",
                MethodType.methodType(void.class, String[].class));
        main.invokeExact(args);
    }

    /** The feature release of a {@code java.specification.version}: "1.8" is 8, "17" is 17. */
    static int feature(String specification) {
        String version = specification.startsWith("1.") ? specification.substring(2) : specification;
        int dot = version.indexOf('.');
        try {
            return Integer.parseInt(dot < 0 ? version : version.substring(0, dot));
        } catch (NumberFormatException e) {
            return REQUIRED; // an unknown form: let the real main class try
        }
    }
}
