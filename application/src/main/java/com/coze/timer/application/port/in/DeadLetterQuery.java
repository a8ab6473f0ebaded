package com.coze.timer.application.port.in;

import com.coze.timer.application.auth.Caller;
import com.coze.timer.application.listing.DeadLetterCursor;
import com.coze.timer.domain.InvalidArgument;
import java.util.Objects;
import java.util.Optional;

/**
 * Which page of a user's dead letters to show, paged as task listings are (see {@link PageRequest}):
 * at most {@code limit}, skipping {@code offset} or starting after a {@code cursor}, never both.
 */
public record DeadLetterQuery(Caller caller, long userId, int limit, int offset, Optional<DeadLetterCursor> cursor) {

    public DeadLetterQuery {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(cursor, "cursor");
        InvalidArgument.require(limit >= 1 && limit <= PageRequest.MAX_LIMIT, "limit", "limit must be between 1 and " + PageRequest.MAX_LIMIT);
        InvalidArgument.require(offset >= 0, "offset", "offset must be >= 0");
        InvalidArgument.require(offset == 0 || cursor.isEmpty(), "cursor", "cursor and offset cannot be combined");
    }
}
