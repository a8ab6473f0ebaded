package com.coze.timer.rest;

import com.coze.timer.application.listing.DeadLetterCursor;
import com.coze.timer.application.listing.TaskCursor;
import com.coze.timer.domain.InvalidArgument;
import com.coze.timer.domain.task.TaskId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * A listing's {@code cursor} as the API spells it: opaque to clients, the URL-safe Base64 of
 * {@code <created_at epoch ms>.<task_id>}.
 */
final class Cursors {

    private Cursors() {
    }

    static String format(TaskCursor cursor) {
        return encode(cursor.createdAt(), cursor.taskId().toString());
    }

    /** A dead-letter listing's cursor, spelled the same way: {@code <failed_at epoch ms>.<dead_letter_id>}. */
    static String format(DeadLetterCursor cursor) {
        return encode(cursor.failedAt(), cursor.deadLetterId());
    }

    static DeadLetterCursor parseDeadLetter(String text) {
        String[] parts = decode(text);
        return new DeadLetterCursor(Instant.ofEpochMilli(Long.parseLong(parts[0])), parts[1]);
    }

    private static String encode(Instant at, String id) {
        String text = at.toEpochMilli() + "." + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The time and the id of a cursor; an {@link InvalidArgument} on {@code cursor} if it names none. */
    private static String[] decode(String text) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(text.trim()), StandardCharsets.UTF_8);
            int dot = decoded.indexOf('.');
            String[] parts = {decoded.substring(0, dot), decoded.substring(dot + 1)};
            Long.parseLong(parts[0]);
            TaskId.parse(parts[1]).orElseThrow(IllegalArgumentException::new);
            return parts;
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new InvalidArgument("cursor", "cursor is not one a listing gave as next_cursor");
        }
    }

    /** The cursor {@code text} names; an {@link InvalidArgument} on {@code cursor} if it names none. */
    static TaskCursor parse(String text) {
        String[] parts = decode(text);
        return new TaskCursor(Instant.ofEpochMilli(Long.parseLong(parts[0])), TaskId.parse(parts[1]).orElseThrow());
    }
}
