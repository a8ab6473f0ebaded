package com.coze.timer.rest;

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
        String text = cursor.createdAt().toEpochMilli() + "." + cursor.taskId();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor {@code text} names; an {@link InvalidArgument} on {@code cursor} if it names none. */
    static TaskCursor parse(String text) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(text.trim()), StandardCharsets.UTF_8);
            int dot = decoded.indexOf('.');
            TaskId id = TaskId.parse(decoded.substring(dot + 1)).orElseThrow(IllegalArgumentException::new);
            return new TaskCursor(Instant.ofEpochMilli(Long.parseLong(decoded.substring(0, dot))), id);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new InvalidArgument("cursor", "cursor is not one a listing gave as next_cursor");
        }
    }
}
