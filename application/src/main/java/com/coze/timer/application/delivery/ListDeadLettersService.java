package com.coze.timer.application.delivery;

import com.coze.timer.application.listing.DeadLetterCursor;
import com.coze.timer.application.port.in.DeadLetterPage;
import com.coze.timer.application.port.in.DeadLetterQuery;
import com.coze.timer.application.port.in.ListDeadLetters;
import com.coze.timer.domain.execution.DeadLetter;
import com.coze.timer.application.port.out.DeadLetters;
import com.coze.timer.domain.Rejection;
import com.coze.timer.domain.Result;
import java.util.List;
import java.util.Optional;

/** Reads one page: one dead letter more than the page holds tells whether a next page exists. */
public final class ListDeadLettersService implements ListDeadLetters {

    private final DeadLetters deadLetters;

    public ListDeadLettersService(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @Override
    public Result<DeadLetterPage> list(DeadLetterQuery query) {
        if (!query.caller().mayActFor(query.userId())) {
            return Result.rejected(Rejection.forbidden("token does not belong to user " + query.userId(), "user_id"));
        }
        List<DeadLetter> found = deadLetters.page(Optional.of(query.userId()), query.cursor(), query.limit() + 1, query.offset());
        boolean more = found.size() > query.limit();
        List<DeadLetter> shown = more ? found.subList(0, query.limit()) : found;
        Optional<DeadLetterCursor> next = more ? Optional.of(DeadLetterCursor.after(shown.getLast())) : Optional.empty();
        return Result.ok(new DeadLetterPage(List.copyOf(shown), deadLetters.count(query.userId()), query, next));
    }
}
