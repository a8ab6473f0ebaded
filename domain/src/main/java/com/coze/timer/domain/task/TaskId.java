package com.coze.timer.domain.task;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** A task's identity: a random UUID, written in its canonical 36-character form. */
public record TaskId(UUID value) {

    public TaskId {
        Objects.requireNonNull(value, "value");
    }

    public static TaskId random() {
        return new TaskId(UUID.randomUUID());
    }

    /** Parses the canonical form; anything else (so: no such task) is empty. */
    public static Optional<TaskId> parse(String text) {
        if (text == null || text.length() != 36) {
            return Optional.empty();
        }
        try {
            UUID uuid = UUID.fromString(text);
            // UUID.fromString is lenient ("+50e8400-…" parses): accept only what writes back the same.
            return uuid.toString().equalsIgnoreCase(text) ? Optional.of(new TaskId(uuid)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
