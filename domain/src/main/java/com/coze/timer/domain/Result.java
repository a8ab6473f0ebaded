package com.coze.timer.domain;

import java.util.function.Function;

/**
 * The outcome of a use case: a value, or the {@link Rejection} that explains why there is none.
 * Failures of infrastructure are not results; they stay exceptions.
 */
public sealed interface Result<T> {

    record Ok<T>(T value) implements Result<T> {
    }

    record Rejected<T>(Rejection rejection) implements Result<T> {
    }

    static <T> Result<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Result<T> rejected(Rejection rejection) {
        return new Rejected<>(rejection);
    }

    default boolean isOk() {
        return this instanceof Ok<T>;
    }

    /** The value; throws if this is a rejection (for tests and for code that checked first). */
    default T orElseThrow() {
        return switch (this) {
            case Ok<T> ok -> ok.value();
            case Rejected<T> r -> throw new IllegalStateException("rejected: " + r.rejection());
        };
    }

    default <U> Result<U> map(Function<? super T, ? extends U> f) {
        return switch (this) {
            case Ok<T> ok -> new Ok<>(f.apply(ok.value()));
            case Rejected<T> r -> new Rejected<>(r.rejection());
        };
    }

    default <U> Result<U> flatMap(Function<? super T, Result<U>> f) {
        return switch (this) {
            case Ok<T> ok -> f.apply(ok.value());
            case Rejected<T> r -> new Rejected<>(r.rejection());
        };
    }
}
