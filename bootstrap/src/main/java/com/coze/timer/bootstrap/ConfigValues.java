package com.coze.timer.bootstrap;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.helidon.config.Config;
import java.util.Locale;

/**
 * Reads one setting and checks it: a value that cannot be used stops the start at once with a
 * {@link TimerSettings.SettingsException} naming the environment variable, the key, the value and
 * what is allowed ({@code SERVER_PORT (server.port) is 'abc'; allowed: an integer from 0 to
 * 65535}), instead of a failure deep in a component, or Helidon's "Invocation of mapper … has
 * failed", once the database has already started.
 */
final class ConfigValues {

    private static final Pattern PERIOD = Pattern.compile("(\\d{1,12})([dhms])");

    private ConfigValues() {
    }

    /** An integer from {@code min} to {@code max}. */
    static int integer(Config node, int fallback, int min, int max) {
        return Math.toIntExact(whole(node, fallback, min, max));
    }

    /** A whole number of at least {@code min} (counts, bytes, milliseconds). */
    static long atLeast(Config node, long fallback, long min) {
        return whole(node, fallback, min, Long.MAX_VALUE);
    }

    /** A number greater than zero (a rate per second). */
    static double positiveDecimal(Config node, double fallback) {
        String text = text(node);
        if (text == null) {
            return fallback;
        }
        try {
            double value = Double.parseDouble(text);
            if (value > 0 && Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw refused(node, text, "a number greater than 0");
    }

    /**
     * A period such as {@code 7d}, {@code 12h}, {@code 30m} or {@code 90s} (a whole number of at
     * least 1 and its unit); empty when not set, for "no bound".
     */
    static Optional<Duration> period(Config node) {
        String text = text(node);
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = PERIOD.matcher(text.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            try {
                long amount = Long.parseLong(m.group(1));
                if (amount >= 1) {
                    return Optional.of(switch (m.group(2)) {
                        case "d" -> Duration.ofDays(amount);
                        case "h" -> Duration.ofHours(amount);
                        case "m" -> Duration.ofMinutes(amount);
                        default -> Duration.ofSeconds(amount);
                    });
                }
            } catch (NumberFormatException | ArithmeticException e) {
                // refused below
            }
        }
        throw refused(node, text, "a whole number of at least 1 and a unit d, h, m or s (e.g. 7d)");
    }

    /** {@code true} or {@code false}. */
    static boolean flag(Config node, boolean fallback) {
        String text = text(node);
        if (text == null) {
            return fallback;
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw refused(node, text, "true or false");
        };
    }

    /** The environment variable that sets {@code node}: {@code server.port} is {@code SERVER_PORT}. */
    static String variable(Config node) {
        return node.key().toString().toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    static TimerSettings.SettingsException refused(Config node, String value, String allowed) {
        return new TimerSettings.SettingsException(variable(node) + " (" + node.key() + ") is '" + value + "'; allowed: " + allowed);
    }

    private static long whole(Config node, long fallback, long min, long max) {
        String text = text(node);
        if (text == null) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw refused(node, text, max >= Integer.MAX_VALUE ? "a whole number of at least " + min
                : "an integer from " + min + " to " + max);
    }

    private static String text(Config node) {
        return node.asString().map(String::trim).filter(text -> !text.isEmpty()).orElse(null);
    }
}
