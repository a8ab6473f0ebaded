package com.coze.timer.domain.task;

import com.coze.timer.domain.InvalidArgument;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What a user calls a task and how they group it: an optional {@code name} (at most
 * {@value #MAX_NAME_LENGTH} characters) and up to {@value #MAX_LABELS} {@code labels}, string pairs
 * such as {@code team=reports}. Neither affects how the task fires. Label keys are short words
 * ({@link #KEY}), so that {@code key:value} names one label without ambiguity; labels are kept in
 * key order. Immutable.
 */
public record TaskTags(Optional<String> name, Map<String, String> labels) {

    public static final int MAX_NAME_LENGTH = 200;
    public static final int MAX_LABELS = 20;
    public static final int MAX_KEY_LENGTH = 63;
    public static final int MAX_VALUE_LENGTH = 200;
    /** A label key: letters, digits, {@code . _ / -}, starting with a letter or digit. */
    public static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0," + (MAX_KEY_LENGTH - 1) + "}");
    public static final TaskTags NONE = new TaskTags(Optional.empty(), Map.of());

    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    public TaskTags {
        Objects.requireNonNull(name, "name");
        name.ifPresent(TaskTags::requireValidName);
        InvalidArgument.require(labels.size() <= MAX_LABELS, "labels", "labels may hold at most " + MAX_LABELS + " pairs");
        labels.forEach(TaskTags::requireValidLabel);
        labels = Collections.unmodifiableMap(new TreeMap<>(labels));
    }

    public TaskTags withName(Optional<String> newName) {
        return new TaskTags(newName, labels);
    }

    public TaskTags withLabels(Map<String, String> newLabels) {
        return new TaskTags(name, newLabels);
    }

    /** Whether the task's name starts with {@code prefix} (a task without a name has none). */
    public boolean nameStartsWith(String prefix) {
        return name.map(n -> n.startsWith(prefix)).orElse(false);
    }

    /** Whether the task carries {@code label}. */
    public boolean has(Label label) {
        return label.value().equals(labels.get(label.key()));
    }

    private static void requireValidName(String name) {
        InvalidArgument.require(!name.isBlank(), "name", "name must not be blank");
        InvalidArgument.require(name.codePointCount(0, name.length()) <= MAX_NAME_LENGTH, "name",
                "name must be at most " + MAX_NAME_LENGTH + " characters");
        InvalidArgument.require(!CONTROL.matcher(name).find(), "name", "name must not contain control characters");
    }

    static void requireValidLabel(String key, String value) {
        InvalidArgument.require(KEY.matcher(key).matches(), "labels", "label key '" + key + "' must be 1-" + MAX_KEY_LENGTH
                + " letters, digits, '.', '_', '/' or '-', starting with a letter or digit");
        InvalidArgument.require(value.codePointCount(0, value.length()) <= MAX_VALUE_LENGTH && !CONTROL.matcher(value).find(),
                "labels", "label '" + key + "' must be at most " + MAX_VALUE_LENGTH + " characters, without control characters");
    }

    /** One label, {@code key:value}: what a listing filters by. */
    public record Label(String key, String value) {

        public Label {
            requireValidLabel(key, value);
        }

        /** Reads {@code key:value} (the value may contain {@code :}); refusals name {@code field}. */
        public static Label parse(String text, String field) {
            int colon = text.indexOf(':');
            InvalidArgument.require(colon > 0, field, field + " must be key:value");
            try {
                return new Label(text.substring(0, colon), text.substring(colon + 1));
            } catch (InvalidArgument e) {
                throw new InvalidArgument(field, e.getMessage());
            }
        }
    }
}
