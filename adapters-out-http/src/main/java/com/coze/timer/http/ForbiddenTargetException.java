package com.coze.timer.http;

import java.net.UnknownHostException;
import java.util.Optional;

/**
 * A callback's host is, or resolves to, an address that private-target policy refuses. An
 * {@link UnknownHostException} so that OkHttp passes it through as the failure of the call; it is
 * never retried.
 */
final class ForbiddenTargetException extends UnknownHostException {

    ForbiddenTargetException(String message) {
        super(message);
    }

    /** The refusal among {@code failure}, its causes and suppressed exceptions, if there is one. */
    static Optional<ForbiddenTargetException> in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ForbiddenTargetException refused) {
                return Optional.of(refused);
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (suppressed instanceof ForbiddenTargetException refused) {
                    return Optional.of(refused);
                }
            }
        }
        return Optional.empty();
    }
}
