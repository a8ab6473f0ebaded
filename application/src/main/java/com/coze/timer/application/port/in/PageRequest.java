package com.coze.timer.application.port.in;

import com.coze.timer.application.listing.TaskCursor;
import com.coze.timer.domain.InvalidArgument;
import java.util.Objects;
import java.util.Optional;

/**
 * Which page of a listing to show: at most {@code limit} tasks, skipping {@code offset} of them or
 * starting after a {@code cursor} (a listing's {@code next_cursor}), never both.
 */
public record PageRequest(int limit, int offset, Optional<TaskCursor> cursor) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    public PageRequest {
        Objects.requireNonNull(cursor, "cursor");
        InvalidArgument.require(limit >= 1 && limit <= MAX_LIMIT, "limit", "limit must be between 1 and " + MAX_LIMIT);
        InvalidArgument.require(offset >= 0, "offset", "offset must be >= 0");
        InvalidArgument.require(offset == 0 || cursor.isEmpty(), "cursor", "cursor and offset cannot be combined");
    }

    /** The first {@code limit} tasks. */
    public static PageRequest first(int limit) {
        return new PageRequest(limit, 0, Optional.empty());
    }
}
