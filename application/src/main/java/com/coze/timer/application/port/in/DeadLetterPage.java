package com.coze.timer.application.port.in;

import com.coze.timer.application.listing.DeadLetterCursor;
import com.coze.timer.domain.execution.DeadLetter;
import java.util.List;
import java.util.Optional;

/** One page of dead letters, newest failure first, with the cursor of the next page if there is one. */
public record DeadLetterPage(List<DeadLetter> deadLetters, long total, DeadLetterQuery query, Optional<DeadLetterCursor> next) {
}
